-- One number for every answer cache (search, map, hub pages): it goes up with every write to
-- a table whose rows the public can see, or that changes what they see. It lives in the
-- database, so a write from any process or connection (the app, a seed, an import, a second
-- app) moves it, and each cache empties itself when it sees a new number. Reading it is one
-- primary-key lookup. Bulk imports of postcodes and places bump it once, at the end, through
-- db/repositories/dataVersionRepository.ts.

CREATE TABLE data_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);

-- hubs
CREATE TRIGGER hubs_data_version_insert AFTER INSERT ON hubs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER hubs_data_version_update AFTER UPDATE ON hubs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER hubs_data_version_delete AFTER DELETE ON hubs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- organizations
CREATE TRIGGER organizations_data_version_insert AFTER INSERT ON organizations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER organizations_data_version_update AFTER UPDATE ON organizations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER organizations_data_version_delete AFTER DELETE ON organizations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- organization_hubs
CREATE TRIGGER organization_hubs_data_version_insert AFTER INSERT ON organization_hubs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER organization_hubs_data_version_update AFTER UPDATE ON organization_hubs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER organization_hubs_data_version_delete AFTER DELETE ON organization_hubs
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- locations
CREATE TRIGGER locations_data_version_insert AFTER INSERT ON locations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER locations_data_version_update AFTER UPDATE ON locations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER locations_data_version_delete AFTER DELETE ON locations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- location_accessibility
CREATE TRIGGER location_accessibility_data_version_insert AFTER INSERT ON location_accessibility
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER location_accessibility_data_version_update AFTER UPDATE ON location_accessibility
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER location_accessibility_data_version_delete AFTER DELETE ON location_accessibility
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- services
CREATE TRIGGER services_data_version_insert AFTER INSERT ON services
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_data_version_update AFTER UPDATE ON services
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_data_version_delete AFTER DELETE ON services
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- service_at_locations
CREATE TRIGGER service_at_locations_data_version_insert AFTER INSERT ON service_at_locations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_at_locations_data_version_update AFTER UPDATE ON service_at_locations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_at_locations_data_version_delete AFTER DELETE ON service_at_locations
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- schedules
CREATE TRIGGER schedules_data_version_insert AFTER INSERT ON schedules
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER schedules_data_version_update AFTER UPDATE ON schedules
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER schedules_data_version_delete AFTER DELETE ON schedules
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- service_categories
CREATE TRIGGER service_categories_data_version_insert AFTER INSERT ON service_categories
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_categories_data_version_update AFTER UPDATE ON service_categories
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_categories_data_version_delete AFTER DELETE ON service_categories
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- taxonomy_terms
CREATE TRIGGER taxonomy_terms_data_version_insert AFTER INSERT ON taxonomy_terms
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomy_terms_data_version_update AFTER UPDATE ON taxonomy_terms
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomy_terms_data_version_delete AFTER DELETE ON taxonomy_terms
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- taxonomy_term_synonyms
CREATE TRIGGER taxonomy_term_synonyms_data_version_insert AFTER INSERT ON taxonomy_term_synonyms
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomy_term_synonyms_data_version_update AFTER UPDATE ON taxonomy_term_synonyms
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomy_term_synonyms_data_version_delete AFTER DELETE ON taxonomy_term_synonyms
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- people
CREATE TRIGGER people_data_version_insert AFTER INSERT ON people
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER people_data_version_update AFTER UPDATE ON people
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER people_data_version_delete AFTER DELETE ON people
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- person_skills
CREATE TRIGGER person_skills_data_version_insert AFTER INSERT ON person_skills
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER person_skills_data_version_update AFTER UPDATE ON person_skills
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER person_skills_data_version_delete AFTER DELETE ON person_skills
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
