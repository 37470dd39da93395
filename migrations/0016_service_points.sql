-- Searches near a place read data shaped for them: an R*Tree of published service-at-place
-- points (https://www.sqlite.org/rtree.html), one row per link between a published service
-- and a published place, whose box is the place's point and whose auxiliary columns hold the
-- service's id and every filter fact as integers. A search near a place is then one read of
-- this R*Tree with the filters tested on its own columns: no join to service_at_locations,
-- services, locations or service_categories per row (at 1,000,000 services the join cost
-- about 22 microseconds a row, and a rare category 25 miles out read every place).
--
-- The row's id is the link's id (service_at_locations.id). Its columns:
--   service_id     the service
--   flags          1 free, 2 comes to your home, 4 by phone, 8 online
--   day_mask       services.day_mask (migrations/0011: MO 1 ... SU 64)
--   access_mask    the place's locations.access_mask (migrations/0011)
--   category_mask  one bit per category the service is in, its bit from search_category_bits
-- Kept true by the triggers below on every write to services, locations,
-- service_at_locations and service_categories (and through them schedules and
-- location_accessibility, whose triggers write the masks).

-- Each category's bit in service_points.category_mask. A new category takes the next bit
-- while there is one (bits 0 to 52, exact in a JavaScript number); a category without a
-- bit is searched for the old way (by its rows in service_categories).
CREATE TABLE search_category_bits (
  term_id         INTEGER PRIMARY KEY REFERENCES taxonomy_terms(id) ON DELETE CASCADE,
  bit             INTEGER NOT NULL UNIQUE CHECK (bit BETWEEN 0 AND 52)
);

INSERT INTO search_category_bits (term_id, bit)
SELECT id, n FROM (
  SELECT id, row_number() OVER (ORDER BY sort_order, id) - 1 AS n FROM taxonomy_terms WHERE vocabulary = 'category'
) WHERE n <= 52;

CREATE TRIGGER taxonomy_terms_category_bit AFTER INSERT ON taxonomy_terms
WHEN NEW.vocabulary = 'category'
BEGIN
  INSERT INTO search_category_bits (term_id, bit)
  SELECT NEW.id, n FROM (SELECT COALESCE(MAX(bit) + 1, 0) AS n FROM search_category_bits) WHERE n <= 52;
END;

-- What each row of service_points should hold, for the triggers and for rebuilding.
CREATE VIEW search_service_points AS
SELECT sal.id AS id,
       l.latitude AS min_lat, l.latitude AS max_lat, l.longitude AS min_lng, l.longitude AS max_lng,
       s.id AS service_id,
       s.is_free | (s.comes_to_home << 1) | (s.by_phone << 2) | (s.online << 3) AS flags,
       s.day_mask AS day_mask,
       l.access_mask AS access_mask,
       COALESCE((SELECT SUM(1 << b.bit) FROM service_categories sc
                   CROSS JOIN search_category_bits b ON b.term_id = sc.term_id
                  WHERE sc.service_id = s.id), 0) AS category_mask
  FROM service_at_locations sal
  CROSS JOIN services s ON s.id = sal.service_id
  CROSS JOIN locations l ON l.id = sal.location_id
 WHERE s.status = 'published' AND l.status = 'published';

CREATE VIRTUAL TABLE service_points USING rtree(
  id, min_lat, max_lat, min_lng, max_lng,
  +service_id, +flags, +day_mask, +access_mask, +category_mask
);

INSERT INTO service_points (id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask)
SELECT id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask
  FROM search_service_points ORDER BY id;

-- A service: published or not, and its own facts.
CREATE TRIGGER services_points_insert AFTER INSERT ON services
WHEN NEW.status = 'published'
BEGIN
  INSERT INTO service_points (id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask)
  SELECT id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask
    FROM search_service_points WHERE id IN (SELECT id FROM service_at_locations WHERE service_id = NEW.id);
END;

CREATE TRIGGER services_points_update
AFTER UPDATE OF status, is_free, comes_to_home, by_phone, online, day_mask ON services
WHEN OLD.status IS NOT NEW.status OR OLD.is_free IS NOT NEW.is_free OR OLD.comes_to_home IS NOT NEW.comes_to_home
  OR OLD.by_phone IS NOT NEW.by_phone OR OLD.online IS NOT NEW.online OR OLD.day_mask IS NOT NEW.day_mask
BEGIN
  DELETE FROM service_points WHERE id IN (SELECT id FROM service_at_locations WHERE service_id = OLD.id);
  INSERT INTO service_points (id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask)
  SELECT id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask
    FROM search_service_points WHERE id IN (SELECT id FROM service_at_locations WHERE service_id = NEW.id);
END;

CREATE TRIGGER services_points_delete BEFORE DELETE ON services
BEGIN
  DELETE FROM service_points WHERE id IN (SELECT id FROM service_at_locations WHERE service_id = OLD.id);
END;

-- A place: published or not, where it is, and its access facts.
CREATE TRIGGER locations_points_update
AFTER UPDATE OF status, latitude, longitude, access_mask ON locations
WHEN OLD.status IS NOT NEW.status OR OLD.latitude IS NOT NEW.latitude OR OLD.longitude IS NOT NEW.longitude
  OR OLD.access_mask IS NOT NEW.access_mask
BEGIN
  DELETE FROM service_points WHERE id IN (SELECT id FROM service_at_locations WHERE location_id = OLD.id);
  INSERT INTO service_points (id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask)
  SELECT id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask
    FROM search_service_points WHERE id IN (SELECT id FROM service_at_locations WHERE location_id = NEW.id);
END;

CREATE TRIGGER locations_points_delete BEFORE DELETE ON locations
BEGIN
  DELETE FROM service_points WHERE id IN (SELECT id FROM service_at_locations WHERE location_id = OLD.id);
END;

-- A link between a service and a place.
CREATE TRIGGER service_at_locations_points_insert AFTER INSERT ON service_at_locations
BEGIN
  INSERT INTO service_points (id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask)
  SELECT id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask
    FROM search_service_points WHERE id = NEW.id;
END;

CREATE TRIGGER service_at_locations_points_update AFTER UPDATE OF id, service_id, location_id ON service_at_locations
BEGIN
  DELETE FROM service_points WHERE id = OLD.id;
  INSERT INTO service_points (id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask)
  SELECT id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask
    FROM search_service_points WHERE id = NEW.id;
END;

CREATE TRIGGER service_at_locations_points_delete AFTER DELETE ON service_at_locations
BEGIN
  DELETE FROM service_points WHERE id = OLD.id;
END;

-- A service's categories.
CREATE TRIGGER service_categories_points_insert AFTER INSERT ON service_categories
BEGIN
  UPDATE service_points SET category_mask = (SELECT category_mask FROM search_service_points p WHERE p.id = service_points.id)
   WHERE id IN (SELECT id FROM service_at_locations WHERE service_id = NEW.service_id);
END;

CREATE TRIGGER service_categories_points_update AFTER UPDATE ON service_categories
BEGIN
  UPDATE service_points SET category_mask = (SELECT category_mask FROM search_service_points p WHERE p.id = service_points.id)
   WHERE id IN (SELECT id FROM service_at_locations WHERE service_id IN (OLD.service_id, NEW.service_id));
END;

CREATE TRIGGER service_categories_points_delete AFTER DELETE ON service_categories
BEGIN
  UPDATE service_points SET category_mask = (SELECT category_mask FROM search_service_points p WHERE p.id = service_points.id)
   WHERE id IN (SELECT id FROM service_at_locations WHERE service_id = OLD.service_id);
END;
