-- The box round each hub's area, in an R*Tree, so the map can ask for the hubs in view
-- (there may be 10,000) instead of every hub. The box is the boundary's extent (in GeoJSON a
-- position is [longitude, latitude]: the numbers at index 0 and 1 of its coordinates'
-- arrays), or else the circle of radius_miles round the centre (69.05 miles to a degree of
-- latitude). Kept by triggers, so no writer has to remember it.

CREATE VIRTUAL TABLE hubs_rtree USING rtree(id, min_lat, max_lat, min_lng, max_lng);

INSERT INTO hubs_rtree (id, min_lat, max_lat, min_lng, max_lng)
SELECT id, min_lat, max_lat, min_lng, max_lng FROM (
  SELECT h.id AS id,
         coalesce((SELECT min(j.value) FROM json_tree(h.boundary_geojson) j WHERE j.key = 1 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), h.latitude - h.radius_miles / 69.05) AS min_lat,
         coalesce((SELECT max(j.value) FROM json_tree(h.boundary_geojson) j WHERE j.key = 1 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), h.latitude + h.radius_miles / 69.05) AS max_lat,
         coalesce((SELECT min(j.value) FROM json_tree(h.boundary_geojson) j WHERE j.key = 0 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), h.longitude - h.radius_miles / 69.05 / max(0.01, cos(radians(h.latitude)))) AS min_lng,
         coalesce((SELECT max(j.value) FROM json_tree(h.boundary_geojson) j WHERE j.key = 0 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), h.longitude + h.radius_miles / 69.05 / max(0.01, cos(radians(h.latitude)))) AS max_lng
  FROM hubs h
) WHERE min_lat IS NOT NULL AND min_lng IS NOT NULL;

CREATE TRIGGER hubs_area_insert AFTER INSERT ON hubs
BEGIN
INSERT INTO hubs_rtree (id, min_lat, max_lat, min_lng, max_lng)
SELECT id, min_lat, max_lat, min_lng, max_lng FROM (
  SELECT NEW.id AS id,
         coalesce((SELECT min(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 1 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.latitude - NEW.radius_miles / 69.05) AS min_lat,
         coalesce((SELECT max(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 1 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.latitude + NEW.radius_miles / 69.05) AS max_lat,
         coalesce((SELECT min(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 0 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.longitude - NEW.radius_miles / 69.05 / max(0.01, cos(radians(NEW.latitude)))) AS min_lng,
         coalesce((SELECT max(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 0 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.longitude + NEW.radius_miles / 69.05 / max(0.01, cos(radians(NEW.latitude)))) AS max_lng
  
) WHERE min_lat IS NOT NULL AND min_lng IS NOT NULL;
END;

CREATE TRIGGER hubs_area_update
AFTER UPDATE OF latitude, longitude, boundary_geojson, radius_miles ON hubs
BEGIN
  DELETE FROM hubs_rtree WHERE id = OLD.id;
INSERT INTO hubs_rtree (id, min_lat, max_lat, min_lng, max_lng)
SELECT id, min_lat, max_lat, min_lng, max_lng FROM (
  SELECT NEW.id AS id,
         coalesce((SELECT min(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 1 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.latitude - NEW.radius_miles / 69.05) AS min_lat,
         coalesce((SELECT max(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 1 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.latitude + NEW.radius_miles / 69.05) AS max_lat,
         coalesce((SELECT min(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 0 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.longitude - NEW.radius_miles / 69.05 / max(0.01, cos(radians(NEW.latitude)))) AS min_lng,
         coalesce((SELECT max(j.value) FROM json_tree(NEW.boundary_geojson) j WHERE j.key = 0 AND j.type IN ('real', 'integer') AND j.path LIKE '%coordinates%'), NEW.longitude + NEW.radius_miles / 69.05 / max(0.01, cos(radians(NEW.latitude)))) AS max_lng
  
) WHERE min_lat IS NOT NULL AND min_lng IS NOT NULL;
END;

CREATE TRIGGER hubs_area_delete AFTER DELETE ON hubs
BEGIN
  DELETE FROM hubs_rtree WHERE id = OLD.id;
END;
