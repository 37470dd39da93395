-- Withdrawn profiles are kept for WITHDRAWN_PROFILE_RETENTION_DAYS, so that the person can
-- change their mind, and then deleted by the daily purge. The purge finds them by when their
-- consent was withdrawn, kept on the person's own row by the triggers below: a partial index of
-- exactly the people who are withdrawn now, oldest first, so each batch reads only the rows it
-- deletes. (Reading consents.withdrawn_at instead would walk past every old withdrawal of people
-- who gave their consent again, a number that only grows.)
ALTER TABLE people ADD COLUMN consent_withdrawn_at TEXT;

-- Who is withdrawn now: no consent in force, and their latest consent was withdrawn.
UPDATE people
   SET consent_withdrawn_at = (SELECT max(withdrawn_at) FROM consents WHERE consents.person_id = people.id)
 WHERE consent_id IS NULL
   AND EXISTS (SELECT 1 FROM consents WHERE consents.person_id = people.id AND withdrawn_at IS NOT NULL);

CREATE INDEX people_by_consent_withdrawn ON people (consent_withdrawn_at)
  WHERE consent_withdrawn_at IS NOT NULL;

-- Withdrawn: the time is kept (SQLite does not promise an order between this trigger and
-- consents_withdrawn, so it checks the consent itself rather than people.consent_id being NULL).
CREATE TRIGGER consents_withdrawn_at AFTER UPDATE OF withdrawn_at ON consents
WHEN NEW.withdrawn_at IS NOT NULL
BEGIN
  UPDATE people SET consent_withdrawn_at = NEW.withdrawn_at
   WHERE id = NEW.person_id AND (consent_id IS NULL OR consent_id = NEW.id);
END;

-- Consent given again: the person is no longer withdrawn, and nothing counts down.
CREATE TRIGGER consents_given_again AFTER INSERT ON consents
WHEN NEW.withdrawn_at IS NULL
BEGIN
  UPDATE people SET consent_withdrawn_at = NULL
   WHERE id = NEW.person_id AND consent_withdrawn_at IS NOT NULL;
END;
