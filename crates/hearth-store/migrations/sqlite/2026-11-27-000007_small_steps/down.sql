DROP TABLE small_steps;
