DROP TABLE settings;
DROP TABLE audit_log;
DROP TABLE care_links;
DROP TABLE login_throttle;
DROP TABLE one_time_tokens;
DROP TABLE sessions;
DROP TABLE user_roles;
DROP TABLE users;
