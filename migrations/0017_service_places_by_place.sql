-- The services at each place, read from the index alone. Searches near a place go from the
-- R*Tree of places to the services at them; with an index on the place only, each of those
-- rows also needed a look-up in the table for its service (75,000 rows within 10 miles of a
-- London suburb at 1,000,000 services). This index holds both, so the look-up is gone, and
-- it serves everything the old index on the place did.
CREATE INDEX service_at_locations_place_service ON service_at_locations (location_id, service_id);
DROP INDEX service_at_locations_location;
