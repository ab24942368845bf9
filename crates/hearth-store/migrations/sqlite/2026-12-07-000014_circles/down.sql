DROP TABLE circles;
