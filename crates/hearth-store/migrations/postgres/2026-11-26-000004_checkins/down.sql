DROP TABLE checkin_reminders;
DROP TABLE checkins;
