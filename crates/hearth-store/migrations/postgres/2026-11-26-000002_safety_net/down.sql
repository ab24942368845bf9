DROP TABLE safety_plans;
DROP TABLE jobs;
DROP TABLE alert_recipients;
DROP TABLE safety_alerts;
