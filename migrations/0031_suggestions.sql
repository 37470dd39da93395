-- Suggest a change, and review it (issue 12). Anyone may suggest a change to a service,
-- organisation or place, or a new group; it waits in the review queue of the hub the listing
-- belongs to until a coordinator or peer lead of that hub approves or rejects it.
--
-- A new listing lives only in its suggestion (kind 'new', listing_id NULL) until it is
-- approved: nothing is written to services, organizations or locations before then, so no
-- public page, search or map can ever show an unapproved listing.
CREATE TABLE suggestions (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('change', 'new')),
  listing_type    TEXT NOT NULL CHECK (listing_type IN ('service', 'organisation', 'place')),
  -- the listing changed; for a new one, set when it is approved
  listing_id      INTEGER,
  hub_id          INTEGER NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
  -- only the fields the person changed: {"name": "...", "days": "TU,TH"}
  proposed_json   TEXT NOT NULL CHECK (json_valid(proposed_json)),
  note            TEXT NOT NULL DEFAULT '',
  -- who suggested it: an account, or a visitor's email address for the reply (or neither)
  account_id      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  reply_email     TEXT,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  reason          TEXT,
  reviewed_by     INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  reviewed_at     TEXT,
  created_at      TEXT NOT NULL,
  CHECK (kind = 'new' OR listing_id IS NOT NULL)
);
-- A hub's pending queue, oldest first.
CREATE INDEX suggestions_queue ON suggestions (hub_id, status, created_at, id);
-- Every hub's pending queue, oldest first (a coordinator of every hub, an admin).
CREATE INDEX suggestions_by_status ON suggestions (status, created_at, id);
-- "Your suggestions": a person's own, newest first.
CREATE INDEX suggestions_by_account ON suggestions (account_id, created_at);

-- What changed in a listing: one row per field, who changed it, when, from which suggestion.
CREATE TABLE listing_history (
  id              INTEGER PRIMARY KEY,
  listing_type    TEXT NOT NULL CHECK (listing_type IN ('service', 'organisation', 'place')),
  listing_id      INTEGER NOT NULL,
  field           TEXT NOT NULL,
  old_value       TEXT,
  new_value       TEXT,
  changed_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  changed_at      TEXT NOT NULL,
  suggestion_id   INTEGER REFERENCES suggestions(id) ON DELETE SET NULL
);
CREATE INDEX listing_history_of ON listing_history (listing_type, listing_id, changed_at, id);
