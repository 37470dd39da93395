-- Filters answered from data shaped for them: each place's access features ("yes" facts)
-- as a bitmask on locations, and each service's days as a bitmask on services, kept in
-- step by triggers. A search tests a bit on the row it already reads, instead of counting
-- rows in location_accessibility or schedules for every service it looks at.
--
-- Access bits follow accessibility_features.sort_order: bit (sort_order - 1), so step-free
-- is 1, hearing-loop 2, accessible-toilet 4, seating 8, parking 16, bus-stop 32.
-- Day bits: MO 1, TU 2, WE 4, TH 8, FR 16, SA 32, SU 64.

ALTER TABLE locations ADD COLUMN access_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN day_mask INTEGER NOT NULL DEFAULT 0;

UPDATE locations SET access_mask = COALESCE((
  SELECT SUM(1 << (f.sort_order - 1))
    FROM location_accessibility la
    JOIN accessibility_features f ON f.code = la.feature_code
   WHERE la.location_id = locations.id AND la.available = 1), 0);

UPDATE services SET day_mask = COALESCE((
  SELECT SUM(DISTINCT CASE sch.byday WHEN 'MO' THEN 1 WHEN 'TU' THEN 2 WHEN 'WE' THEN 4
           WHEN 'TH' THEN 8 WHEN 'FR' THEN 16 WHEN 'SA' THEN 32 ELSE 64 END)
    FROM schedules sch WHERE sch.service_id = services.id), 0);

-- A place's access facts.
CREATE TRIGGER location_accessibility_mask_insert AFTER INSERT ON location_accessibility
BEGIN
  UPDATE locations SET access_mask = COALESCE((
    SELECT SUM(1 << (f.sort_order - 1)) FROM location_accessibility la
      JOIN accessibility_features f ON f.code = la.feature_code
     WHERE la.location_id = NEW.location_id AND la.available = 1), 0)
   WHERE id = NEW.location_id;
END;

CREATE TRIGGER location_accessibility_mask_update AFTER UPDATE ON location_accessibility
BEGIN
  UPDATE locations SET access_mask = COALESCE((
    SELECT SUM(1 << (f.sort_order - 1)) FROM location_accessibility la
      JOIN accessibility_features f ON f.code = la.feature_code
     WHERE la.location_id = OLD.location_id AND la.available = 1), 0)
   WHERE id = OLD.location_id;
  UPDATE locations SET access_mask = COALESCE((
    SELECT SUM(1 << (f.sort_order - 1)) FROM location_accessibility la
      JOIN accessibility_features f ON f.code = la.feature_code
     WHERE la.location_id = NEW.location_id AND la.available = 1), 0)
   WHERE id = NEW.location_id AND NEW.location_id <> OLD.location_id;
END;

CREATE TRIGGER location_accessibility_mask_delete AFTER DELETE ON location_accessibility
BEGIN
  UPDATE locations SET access_mask = COALESCE((
    SELECT SUM(1 << (f.sort_order - 1)) FROM location_accessibility la
      JOIN accessibility_features f ON f.code = la.feature_code
     WHERE la.location_id = OLD.location_id AND la.available = 1), 0)
   WHERE id = OLD.location_id;
END;

-- A service's days.
CREATE TRIGGER schedules_day_mask_insert AFTER INSERT ON schedules
BEGIN
  UPDATE services SET day_mask = COALESCE((
    SELECT SUM(DISTINCT CASE sch.byday WHEN 'MO' THEN 1 WHEN 'TU' THEN 2 WHEN 'WE' THEN 4
             WHEN 'TH' THEN 8 WHEN 'FR' THEN 16 WHEN 'SA' THEN 32 ELSE 64 END)
      FROM schedules sch WHERE sch.service_id = NEW.service_id), 0)
   WHERE id = NEW.service_id;
END;

CREATE TRIGGER schedules_day_mask_update AFTER UPDATE OF byday, service_id ON schedules
BEGIN
  UPDATE services SET day_mask = COALESCE((
    SELECT SUM(DISTINCT CASE sch.byday WHEN 'MO' THEN 1 WHEN 'TU' THEN 2 WHEN 'WE' THEN 4
             WHEN 'TH' THEN 8 WHEN 'FR' THEN 16 WHEN 'SA' THEN 32 ELSE 64 END)
      FROM schedules sch WHERE sch.service_id = services.id), 0)
   WHERE id IN (OLD.service_id, NEW.service_id);
END;

CREATE TRIGGER schedules_day_mask_delete AFTER DELETE ON schedules
BEGIN
  UPDATE services SET day_mask = COALESCE((
    SELECT SUM(DISTINCT CASE sch.byday WHEN 'MO' THEN 1 WHEN 'TU' THEN 2 WHEN 'WE' THEN 4
             WHEN 'TH' THEN 8 WHEN 'FR' THEN 16 WHEN 'SA' THEN 32 ELSE 64 END)
      FROM schedules sch WHERE sch.service_id = OLD.service_id), 0)
   WHERE id = OLD.service_id;
END;

-- Searches with filters and no words page through published services by name, testing the
-- cheap facts on the index itself before reading a row.
CREATE INDEX services_by_name_facts ON services (status, name, id, is_free, comes_to_home, day_mask);
