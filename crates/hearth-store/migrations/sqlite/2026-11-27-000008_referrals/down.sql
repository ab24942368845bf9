DROP TABLE referrals;
