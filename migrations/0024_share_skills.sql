-- Share your skills (issue 10): people linked to their accounts, consent recorded with its
-- wording's version (privacy rule 6), a pause, drafts of answers, and the skills in groups.
-- Times are UTC ISO 8601 strings without fractions, as elsewhere.

-- Consent: what was agreed (the wording's version), when, how and who recorded it. A new
-- record each time consent is given; withdrawn_at is set when it is withdrawn, never removed.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  wording_version TEXT NOT NULL,
  agreed_at TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('online', 'phone', 'paper', 'helper')),
  recorded_by_account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  withdrawn_at TEXT
);
CREATE INDEX consents_by_person ON consents (person_id, id);
CREATE INDEX consents_by_recorder ON consents (recorded_by_account_id)
  WHERE recorded_by_account_id IS NOT NULL;

-- The person's own account (at most one person each); the consent now in force (kept by the
-- triggers below, so public pages check one column of the person's own row; not a foreign
-- key, so that deleting a consent need not look through every person for it); paused_at when
-- the person has paused their profile (hidden everywhere, kept); how often they would like to
-- share; and how people should get in touch ('through-hub', 'phone', 'email', comma separated).
ALTER TABLE people ADD COLUMN account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE people ADD COLUMN consent_id INTEGER;
ALTER TABLE people ADD COLUMN paused_at TEXT;
ALTER TABLE people ADD COLUMN how_often TEXT
  CHECK (how_often IS NULL OR how_often IN ('now-and-then', 'few-hours-month', 'few-hours-week', 'most-weeks'));
ALTER TABLE people ADD COLUMN contact_ways TEXT NOT NULL DEFAULT 'through-hub';
CREATE UNIQUE INDEX people_by_account ON people (account_id) WHERE account_id IS NOT NULL;

-- Consent given: it is the one in force. Withdrawn: the person has none (until they agree again).
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

-- Public pages read people only through this view (migrations/0006). Now it also leaves out
-- anyone without consent in force or who has paused, by two columns of the person's own row:
-- no join or subquery per person (the benchmark has 500,000 people).
DROP VIEW people_for_public_pages;
CREATE VIEW people_for_public_pages AS
  SELECT id, first_name, upper(substr(trim(last_name), 1, 1)) AS last_initial, hub_id,
         skills_in_own_words, would_like_to_share, visibility
    FROM people
   WHERE consent_id IS NOT NULL AND paused_at IS NULL;

-- Counting a hub's people by visibility reads only this index, as it read people_hub before.
CREATE INDEX people_shown_by_hub ON people (hub_id, visibility)
  WHERE consent_id IS NOT NULL AND paused_at IS NULL;

-- Answers to "Share your skills" not yet finished: one draft per account, as JSON. It goes
-- when the profile is made, and with the account.
CREATE TABLE sharing_drafts (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  answers TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The skills in groups with plain names, for "What you are good at". A skill without a group
-- (one added later) is shown under "Other things".
CREATE TABLE skill_groups (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO skill_groups (code, name, sort_order) VALUES
  ('phones-and-paperwork', 'Phones, computers and paperwork', 10),
  ('company-and-getting-out', 'Company and getting out', 20),
  ('home-and-garden', 'Home, garden and kitchen', 30),
  ('music-art-and-stories', 'Music, art and stories', 40);

ALTER TABLE taxonomy_terms ADD COLUMN skill_group TEXT REFERENCES skill_groups (code) ON DELETE SET NULL;
UPDATE taxonomy_terms SET skill_group = 'phones-and-paperwork'
 WHERE vocabulary = 'skill' AND code IN ('tablets-and-phones', 'form-filling', 'letter-writing');
UPDATE taxonomy_terms SET skill_group = 'company-and-getting-out'
 WHERE vocabulary = 'skill' AND code IN ('listening', 'walking-companion', 'driving', 'reading-aloud', 'pet-care');
UPDATE taxonomy_terms SET skill_group = 'home-and-garden'
 WHERE vocabulary = 'skill' AND code IN ('gardening', 'cooking', 'baking', 'diy-repairs', 'knitting-and-sewing');
UPDATE taxonomy_terms SET skill_group = 'music-art-and-stories'
 WHERE vocabulary = 'skill' AND code IN ('music', 'art-and-drawing', 'local-history', 'languages');
