-- Keeping every listing fresh (issue 12): organisations and places join services on a hub's
-- "Needs checking" list, with the same history of checks (who, how, when) and the same record
-- of why one was archived. The lists read a range of an index per hub, never a whole hub.

-- One row each time someone marks an organisation or a place as checked; last_checked on the
-- row holds the latest day. The same shape as service_checks (0032_freshness.sql).
CREATE TABLE organization_checks (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  checked_by_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  how             TEXT NOT NULL CHECK (how IN ('phone', 'visit', 'email', 'website')),
  checked_at      TEXT NOT NULL
);
CREATE INDEX organization_checks_by_organization ON organization_checks (organization_id, checked_at);

CREATE TABLE location_checks (
  id              INTEGER PRIMARY KEY,
  location_id     INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  checked_by_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  how             TEXT NOT NULL CHECK (how IN ('phone', 'visit', 'email', 'website')),
  checked_at      TEXT NOT NULL
);
CREATE INDEX location_checks_by_location ON location_checks (location_id, checked_at);

-- Why an organisation or a place was archived, by whom and when: its closed page (410) says so.
CREATE TABLE organization_archives (
  organization_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  reason          TEXT NOT NULL,
  archived_by_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  archived_at     TEXT NOT NULL
);

CREATE TABLE location_archives (
  location_id     INTEGER PRIMARY KEY REFERENCES locations(id) ON DELETE CASCADE,
  reason          TEXT NOT NULL,
  archived_by_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  archived_at     TEXT NOT NULL
);

-- A place belongs to the hub in its hub_id (the hub its page names, set when it was listed),
-- not to whichever hub's boundary its point falls in: boundaries overlap and change, and a
-- point-in-polygon test per place could not be read from an index. A hub's published places,
-- oldest checked first:
CREATE INDEX locations_published_by_hub_checked ON locations (hub_id, last_checked, id)
  WHERE status = 'published';

-- An organisation belongs to every hub it works in (organization_hubs), so it is on each of
-- those hubs' lists. Its status and last-checked day live on organizations, which a per-hub
-- index cannot reach through the join; so each link keeps a copy of them, kept true by the
-- triggers below, and a partial index reads one hub's published organisations oldest first.
ALTER TABLE organization_hubs ADD COLUMN organization_status TEXT;
ALTER TABLE organization_hubs ADD COLUMN organization_last_checked TEXT;

UPDATE organization_hubs
   SET organization_status = (SELECT o.status FROM organizations o WHERE o.id = organization_hubs.organization_id),
       organization_last_checked = (SELECT o.last_checked FROM organizations o WHERE o.id = organization_hubs.organization_id);

CREATE TRIGGER organization_hubs_copy_freshness AFTER INSERT ON organization_hubs
BEGIN
  UPDATE organization_hubs
     SET organization_status = (SELECT status FROM organizations WHERE id = NEW.organization_id),
         organization_last_checked = (SELECT last_checked FROM organizations WHERE id = NEW.organization_id)
   WHERE organization_id = NEW.organization_id AND hub_id = NEW.hub_id;
END;

CREATE TRIGGER organizations_freshness_to_hubs AFTER UPDATE OF status, last_checked ON organizations
WHEN OLD.status IS NOT NEW.status OR OLD.last_checked IS NOT NEW.last_checked
BEGIN
  UPDATE organization_hubs
     SET organization_status = NEW.status, organization_last_checked = NEW.last_checked
   WHERE organization_id = NEW.id;
END;

CREATE INDEX organization_hubs_published_by_checked
  ON organization_hubs (hub_id, organization_last_checked, organization_id)
  WHERE organization_status = 'published';
