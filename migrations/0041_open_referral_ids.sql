-- Open Referral UK (issue 14): every record the open data API serves has an id that other
-- directories can keep, a UUID as the profile asks, never our row number (which a restore,
-- a merge or an import into another database would change).
--
-- Kept in a column: organisations, places (HSDS locations), services and taxonomy terms,
-- the records that have their own rows for life. A row made by any write path gets one:
-- the repositories write it in the same INSERT (db/repositories/openReferralIds.ts), and a
-- trigger below gives one to a row made any other way (an older migration's INSERT, a test's
-- raw SQL) straight after. Rows already here get one now.
--
-- A service at a place (service_at_locations) is deleted and written again each time its
-- service is edited, so a random id would change with every edit. Its id is made from the
-- two it joins instead, the same every time the pair is linked: a version 8 ("custom") UUID
-- of the service's first 15 hex digits and the place's last 16 (as the variant digit),
-- xxxxxxxx-xxxx-8xxx-yyyy-yyyyyyyyyyyy. It is kept in a column so /service_at_locations/{id}
-- finds it with one lookup; the repository writes it as it links a place, and a trigger for
-- any other path.
--
-- Not kept: schedules (also rewritten on each edit) and the parts HSDS wants that are not
-- rows of their own here (addresses, accessibility, contacts, cost options, attributes). No
-- address looks them up, so their ids are name-based UUIDs (version 5) made from the ids
-- kept here and what the part is (server/features/openReferral/openReferralIds.ts): the same
-- every time they are served, and across edits.
--
-- The expression makes a version 4 UUID from SQLite's random bytes:
-- xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx with N one of 8, 9, a, b.

ALTER TABLE organizations ADD COLUMN open_referral_id TEXT;
ALTER TABLE locations ADD COLUMN open_referral_id TEXT;
ALTER TABLE services ADD COLUMN open_referral_id TEXT;
ALTER TABLE taxonomy_terms ADD COLUMN open_referral_id TEXT;

UPDATE organizations SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
UPDATE locations SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
UPDATE services SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
UPDATE taxonomy_terms SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));

ALTER TABLE service_at_locations ADD COLUMN open_referral_id TEXT;
UPDATE service_at_locations SET open_referral_id = (
  SELECT substr(s.open_referral_id, 1, 14) || '8' || substr(s.open_referral_id, 16, 3) || substr(l.open_referral_id, 19)
    FROM services s, locations l
   WHERE s.id = service_at_locations.service_id AND l.id = service_at_locations.location_id);

-- /services/{id} and the others find a record by its UUID with one lookup; unique, so two
-- records can never share one.
CREATE UNIQUE INDEX organizations_by_open_referral_id ON organizations (open_referral_id);
CREATE UNIQUE INDEX locations_by_open_referral_id ON locations (open_referral_id);
CREATE UNIQUE INDEX services_by_open_referral_id ON services (open_referral_id);
CREATE UNIQUE INDEX taxonomy_terms_by_open_referral_id ON taxonomy_terms (open_referral_id);
CREATE UNIQUE INDEX service_at_locations_by_open_referral_id ON service_at_locations (open_referral_id);

CREATE TRIGGER organizations_open_referral_id AFTER INSERT ON organizations
WHEN NEW.open_referral_id IS NULL
BEGIN
  UPDATE organizations SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
   WHERE id = NEW.id;
END;
CREATE TRIGGER locations_open_referral_id AFTER INSERT ON locations
WHEN NEW.open_referral_id IS NULL
BEGIN
  UPDATE locations SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
   WHERE id = NEW.id;
END;
CREATE TRIGGER services_open_referral_id AFTER INSERT ON services
WHEN NEW.open_referral_id IS NULL
BEGIN
  UPDATE services SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
   WHERE id = NEW.id;
END;
CREATE TRIGGER taxonomy_terms_open_referral_id AFTER INSERT ON taxonomy_terms
WHEN NEW.open_referral_id IS NULL
BEGIN
  UPDATE taxonomy_terms SET open_referral_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
   WHERE id = NEW.id;
END;
CREATE TRIGGER service_at_locations_open_referral_id AFTER INSERT ON service_at_locations
WHEN NEW.open_referral_id IS NULL
BEGIN
  UPDATE service_at_locations SET open_referral_id = (
    SELECT substr(s.open_referral_id, 1, 14) || '8' || substr(s.open_referral_id, 16, 3) || substr(l.open_referral_id, 19)
      FROM services s, locations l
     WHERE s.id = NEW.service_id AND l.id = NEW.location_id)
   WHERE id = NEW.id;
END;

-- A reader asking what changed (modified_after) reads published services from the first
-- change on, in the order they changed, a range of this index; never the whole table.
CREATE INDEX services_published_by_updated ON services (updated_at, id) WHERE status = 'published';
