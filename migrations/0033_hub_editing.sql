-- Hubs made and changed on the admin pages (issue 12): the organisations a hub works with
-- (its partners), and the slugs a hub had before, so old links still reach it.

-- A hub's partner organisations, as its admins choose them. Not the same as
-- organization_hubs (the hubs an organisation's listing works in): a partner helps run the hub.
-- Hub pages show them, so writes move the data version.
CREATE TABLE hub_partners (
  hub_id          INTEGER NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  added_at        TEXT NOT NULL,
  PRIMARY KEY (hub_id, organization_id)
) WITHOUT ROWID;
CREATE INDEX hub_partners_by_organization ON hub_partners (organization_id);

CREATE TRIGGER hub_partners_data_version_insert AFTER INSERT ON hub_partners
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER hub_partners_data_version_delete AFTER DELETE ON hub_partners
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;

-- Slugs a hub no longer uses. /hubs/old-slug (and its pages) answer 301 to the hub's slug now.
-- A slug is never given to another hub while it is in here (the editor checks both tables).
CREATE TABLE hub_slug_history (
  old_slug   TEXT PRIMARY KEY,
  hub_id     INTEGER NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
  changed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX hub_slug_history_by_hub ON hub_slug_history (hub_id);
