DROP TABLE measure_schedules;
DROP TABLE measure_results;
