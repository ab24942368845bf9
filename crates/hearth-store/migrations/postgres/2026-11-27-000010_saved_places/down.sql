DROP TABLE saved_places;
