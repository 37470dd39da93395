-- Keeping listings fresh (issue 12): who checked a group or service, how and when; the groups
-- a hub's coordinators have archived, with why; and an index that reads a hub's published
-- services oldest checked first, so "Needs checking" and the coordinator home read only the
-- rows they show (the benchmark has 1,000,000 services in 10,000 hubs), never the whole hub.

-- One row each time someone marks a service as checked. services.last_checked holds the
-- latest date; this keeps the history (who, how, when).
CREATE TABLE service_checks (
  id              INTEGER PRIMARY KEY,
  service_id      INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  checked_by_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  how             TEXT NOT NULL CHECK (how IN ('phone', 'visit', 'email', 'website')),
  checked_at      TEXT NOT NULL
);
CREATE INDEX service_checks_by_service ON service_checks (service_id, checked_at);

-- Why a service was archived, by whom and when: its closed page (410) says so.
CREATE TABLE service_archives (
  service_id      INTEGER PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
  reason          TEXT NOT NULL,
  archived_by_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  archived_at     TEXT NOT NULL
);

-- A hub's published services, oldest checked first: "Needs checking" reads a range of it.
CREATE INDEX services_published_by_hub_checked ON services (hub_id, last_checked, id)
  WHERE status = 'published';
