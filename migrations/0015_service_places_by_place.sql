-- A place's services read from the index alone: the hubs list counts each hub's groups at its
-- places (/hubs, one page of hubs at a time), and without the service id in the index every
-- link was a second look-up in the table. The new index starts with location_id, so it also
-- does the old one's job, and the old one goes (one index less to write).

CREATE INDEX service_at_locations_place_service ON service_at_locations (location_id, service_id);
DROP INDEX service_at_locations_location;
