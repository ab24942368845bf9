-- The last two-step time step accepted for each person: a code is taken once, so one seen
-- over someone's shoulder (or in a proxy log) cannot be used again within its 90 seconds.
-- Keep in step with the other backend's file.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
