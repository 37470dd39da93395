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
-- Not kept, because their rows are rebuilt each time a service is edited (its places and
-- times are deleted and written again): service_at_locations and schedules, and the
-- sub-records HSDS wants (addresses, accessibility, contacts, cost options, attributes). Their
-- ids are name-based UUIDs (version 5) made from the ids kept here and what the record is
-- (server/features/openReferral/openReferralIds.ts), so they stay the same across edits
-- and are the same every time they are served.
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

-- /services/{id} and the others find a record by its UUID with one lookup; unique, so two
-- records can never share one.
CREATE UNIQUE INDEX organizations_by_open_referral_id ON organizations (open_referral_id);
CREATE UNIQUE INDEX locations_by_open_referral_id ON locations (open_referral_id);
CREATE UNIQUE INDEX services_by_open_referral_id ON services (open_referral_id);
CREATE UNIQUE INDEX taxonomy_terms_by_open_referral_id ON taxonomy_terms (open_referral_id);

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

-- A reader asking what changed (modified_after) reads published services from the first
-- change on, in the order they changed, a range of this index; never the whole table.
CREATE INDEX services_published_by_updated ON services (updated_at, id) WHERE status = 'published';
