-- Hubs in a box without reading every hub (issue 8): an R*Tree of each hub's area, as a box
-- that holds its centre, its circle (radius_miles) and its GeoJSON boundary. The map asks it
-- for the hub outlines in view (there may be 10,000); "people near you" and "find a hub by
-- town" for the hubs whose box meets a box round a point, then check the few it gives exactly
-- (server/services/geo.ts hubCovers). Kept by triggers, so no writer has to remember it.
-- https://www.sqlite.org/rtree.html

-- Each hub's box. A boundary's coordinates are [longitude, latitude] pairs however deep they
-- are nested (Polygon or MultiPolygon), so json_tree's leaves with key 0 are longitudes and
-- key 1 latitudes. A mile is taken as 1/68 of a degree of latitude (a little less than it
-- is), so the box is never smaller than the area.
CREATE VIEW hub_extents AS
  SELECT h.id,
         min(h.latitude - COALESCE(h.radius_miles, 0) / 68.0,
             COALESCE((SELECT min(j.value) FROM json_tree(h.boundary_geojson, '$.coordinates') j
                        WHERE j.type IN ('integer', 'real') AND j.key = 1), h.latitude)) AS min_lat,
         max(h.latitude + COALESCE(h.radius_miles, 0) / 68.0,
             COALESCE((SELECT max(j.value) FROM json_tree(h.boundary_geojson, '$.coordinates') j
                        WHERE j.type IN ('integer', 'real') AND j.key = 1), h.latitude)) AS max_lat,
         min(h.longitude - COALESCE(h.radius_miles, 0) / (68.0 * max(cos(radians(h.latitude)), 0.01)),
             COALESCE((SELECT min(j.value) FROM json_tree(h.boundary_geojson, '$.coordinates') j
                        WHERE j.type IN ('integer', 'real') AND j.key = 0), h.longitude)) AS min_lng,
         max(h.longitude + COALESCE(h.radius_miles, 0) / (68.0 * max(cos(radians(h.latitude)), 0.01)),
             COALESCE((SELECT max(j.value) FROM json_tree(h.boundary_geojson, '$.coordinates') j
                        WHERE j.type IN ('integer', 'real') AND j.key = 0), h.longitude)) AS max_lng
    FROM hubs h;

CREATE VIRTUAL TABLE hubs_rtree USING rtree(id, min_lat, max_lat, min_lng, max_lng);

CREATE TRIGGER hubs_rtree_insert AFTER INSERT ON hubs
BEGIN
  INSERT INTO hubs_rtree (id, min_lat, max_lat, min_lng, max_lng)
  SELECT id, min_lat, max_lat, min_lng, max_lng FROM hub_extents WHERE id = NEW.id;
END;

CREATE TRIGGER hubs_rtree_update AFTER UPDATE OF latitude, longitude, radius_miles, boundary_geojson ON hubs
BEGIN
  DELETE FROM hubs_rtree WHERE id = OLD.id;
  INSERT INTO hubs_rtree (id, min_lat, max_lat, min_lng, max_lng)
  SELECT id, min_lat, max_lat, min_lng, max_lng FROM hub_extents WHERE id = NEW.id;
END;

CREATE TRIGGER hubs_rtree_delete AFTER DELETE ON hubs
BEGIN
  DELETE FROM hubs_rtree WHERE id = OLD.id;
END;

INSERT INTO hubs_rtree (id, min_lat, max_lat, min_lng, max_lng)
SELECT id, min_lat, max_lat, min_lng, max_lng FROM hub_extents;
