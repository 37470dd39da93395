-- Two-step sign-in (issue 9): an authenticator app's secret for each account that has set it
-- up, and its recovery codes.
--
-- The secret is kept encrypted (AES-256-GCM, with a key derived from SESSION_SECRET), so a
-- copy of the database alone does not give it away. A row is written only once a code from
-- the app has proved the secret works (while setting up, the secret waits in the session);
-- confirmed_at is when. last_time_step is the 30-second step of the last code used, so no code works twice.
CREATE TABLE two_step (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL,
  confirmed_at TEXT NOT NULL,
  last_time_step INTEGER,
  created_at TEXT NOT NULL
);

-- Ten codes to sign in with when the app is lost. Only the SHA-256 of each code is kept; a
-- code works once (used_at). New codes replace all the old ones.
CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX recovery_codes_by_account ON recovery_codes (account_id, code_hash);
