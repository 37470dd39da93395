-- Accounts (issue 9): who may sign in, the hubs a peer lead or coordinator looks after, the
-- signed-in sessions, the links we email, the emails we would have sent, and the audit log.
-- Times are UTC ISO 8601 strings without fractions ('2026-12-01T10:00:00Z'), as elsewhere.

-- An email address is one account whatever its case: NOCASE makes the unique index agree.
-- password_hash is empty until a password is set (an account made from the command line).
-- Two-step sign-in adds its own columns in a later migration.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT,
  role TEXT NOT NULL DEFAULT 'member'
    CHECK (role IN ('member', 'peer_lead', 'coordinator', 'admin')),
  -- a coordinator of every hub, now and to come (account_hubs then lists none)
  all_hubs INTEGER NOT NULL DEFAULT 0 CHECK (all_hubs IN (0, 1)),
  disabled_at TEXT,
  email_confirmed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The hubs a member belongs to, or a peer lead or coordinator looks after.
CREATE TABLE account_hubs (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  hub_id INTEGER NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, hub_id)
) WITHOUT ROWID;
CREATE INDEX account_hubs_by_hub ON account_hubs (hub_id);

-- express-session's store. account_id lets "Sign out everywhere" end every session of one
-- account; expires_at (milliseconds since 1970) lets old ones be swept.
CREATE TABLE sessions (
  sid TEXT PRIMARY KEY,
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Links sent by email. Only the SHA-256 of the random token is kept, so a copy of the
-- database cannot be used to sign in. A link works once (used_at) and until expires_at.
CREATE TABLE emailed_links (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL
    CHECK (purpose IN ('confirm-email', 'reset-password', 'sign-in', 'change-email')),
  -- the address being changed to, for 'change-email' only
  new_email TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  CHECK ((purpose = 'change-email') = (new_email IS NOT NULL))
);
CREATE INDEX emailed_links_by_account ON emailed_links (account_id, purpose);

-- The emails the app sends when there is no mail server (SMTP_URL unset). Outside
-- production they are shown at /dev/outbox.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The audit log: append-only. Who (account_id, empty for someone not signed in), what
-- (action), to which record, when, from where (ip) and why (reason, where one is asked).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account_id INTEGER,
  action TEXT NOT NULL,
  record_type TEXT,
  record_id TEXT,
  ip TEXT,
  reason TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_account ON audit_log (account_id, at);
CREATE INDEX audit_log_by_record ON audit_log (record_type, record_id, at);

-- How long audit entries are kept. One row; never under 30 days, so no setting can be used
-- to empty the log.
CREATE TABLE audit_retention (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  days INTEGER NOT NULL CHECK (days >= 30)
);
INSERT INTO audit_retention (id, days) VALUES (1, 730);

-- Nothing may change an audit entry, and nothing may delete one younger than the retention
-- period: the pruning job's DELETE of older entries is the only delete that can succeed.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'The audit log cannot be changed');
END;

CREATE TRIGGER audit_log_no_early_delete BEFORE DELETE ON audit_log
WHEN OLD.at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now',
                        '-' || (SELECT days FROM audit_retention WHERE id = 1) || ' days')
BEGIN
  SELECT RAISE(ABORT, 'An audit entry cannot be deleted before its retention period ends');
END;
