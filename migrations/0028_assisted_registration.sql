-- Registering someone on their behalf (issue 11): a coordinator or peer lead records a
-- person's consent given by phone, on a paper form, in person or through a family member or
-- helper (privacy rule 6), who that helper was, and when to check the consent again; and a
-- person registered this way can later claim their profile with an account, by an emailed link.

-- SQLite cannot change a CHECK, so the consents table is built again with 'in-person' allowed
-- and the new columns, keeping every row and its id (people.consent_id names them). The
-- triggers go first, so that nothing fires while the rows move, and come back as they were.
DROP TRIGGER consents_in_force;
DROP TRIGGER consents_withdrawn;
DROP TRIGGER consents_deleted;

-- helper_name: the family member or helper through whom consent was given (only then).
-- check_again_on: the day (YYYY-MM-DD) to check with the person that they still agree, for
-- consent not given online; checked_at and checked_by_account_id: when it was last checked, and
-- by whom.
CREATE TABLE consents_rebuilt (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  wording_version TEXT NOT NULL,
  agreed_at TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('online', 'phone', 'paper', 'in-person', 'helper')),
  recorded_by_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  withdrawn_at TEXT,
  helper_name TEXT CHECK (helper_name IS NULL OR (method = 'helper' AND length(helper_name) BETWEEN 1 AND 100)),
  check_again_on TEXT
    CHECK (check_again_on IS NULL OR check_again_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  checked_at TEXT,
  checked_by_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL
);
INSERT INTO consents_rebuilt (id, person_id, wording_version, agreed_at, method, recorded_by_account_id, withdrawn_at)
  SELECT id, person_id, wording_version, agreed_at, method, recorded_by_account_id, withdrawn_at FROM consents;
DROP TABLE consents;
ALTER TABLE consents_rebuilt RENAME TO consents;

CREATE INDEX consents_by_person ON consents (person_id, id);
CREATE INDEX consents_by_recorder ON consents (recorded_by_account_id)
  WHERE recorded_by_account_id IS NOT NULL;
CREATE INDEX consents_by_checker ON consents (checked_by_account_id)
  WHERE checked_by_account_id IS NOT NULL;
-- "Consents due to be checked again" on the coordinator home reads only consents with a date
-- that are not withdrawn: few, whatever the number of people.
CREATE INDEX consents_due ON consents (check_again_on)
  WHERE check_again_on IS NOT NULL AND withdrawn_at IS NULL;

-- As in migrations/0024_share_skills.sql.
CREATE TRIGGER consents_in_force AFTER INSERT ON consents
WHEN NEW.withdrawn_at IS NULL
BEGIN
  UPDATE people SET consent_id = NEW.id WHERE id = NEW.person_id AND consent_id IS NOT NEW.id;
END;
CREATE TRIGGER consents_withdrawn AFTER UPDATE OF withdrawn_at ON consents
WHEN NEW.withdrawn_at IS NOT NULL
BEGIN
  UPDATE people SET consent_id = NULL WHERE id = NEW.person_id AND consent_id = NEW.id;
END;
CREATE TRIGGER consents_deleted AFTER DELETE ON consents
BEGIN
  UPDATE people SET consent_id = NULL WHERE id = OLD.person_id AND consent_id = OLD.id;
END;

-- "Claim your profile": a link, emailed by a coordinator, with which a person registered on
-- their behalf links their profile to an account. Kept by the SHA-256 of its token (the token
-- itself never is); it works once, until it expires. The address it went to is not kept.
CREATE TABLE claim_links (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_by_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  used_by_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX claim_links_by_person ON claim_links (person_id);
CREATE INDEX claim_links_by_creator ON claim_links (created_by_account_id)
  WHERE created_by_account_id IS NOT NULL;
CREATE INDEX claim_links_by_user ON claim_links (used_by_account_id)
  WHERE used_by_account_id IS NOT NULL;
