-- Being put in touch (issue 11). Anyone may ask a hub to put them in touch with someone who can
-- help; a coordinator or peer lead of the hub chooses a person, asks them (an emailed link, or
-- their answer on the phone), and on "yes" passes each side the other's details by the route
-- each chose (privacy rule 4: contact details only through an accepted introduction). Every
-- step is an event, shown as a timeline. Closed introductions are anonymised after a set time.
-- Times are UTC ISO 8601 strings without fractions, as elsewhere.

CREATE TABLE introductions (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
  -- where the request was made: search results, a hub page, a service page, a public profile,
  -- or the form on its own; and which one (the service id, the person id, the hub slug)
  asked_from TEXT NOT NULL CHECK (asked_from IN ('search', 'hub', 'service', 'person', 'direct')),
  asked_from_ref TEXT,
  help_wanted TEXT NOT NULL,
  requester_name TEXT NOT NULL,
  requester_phone TEXT,
  requester_email TEXT,
  requester_area TEXT NOT NULL,
  -- how the person asking would like to hear back
  requester_route TEXT NOT NULL CHECK (requester_route IN ('email', 'phone')),
  -- waiting: in the hub's queue; asked: a person has been asked; accepted: they said yes and
  -- details have gone (or are to be passed on); closed: how it went is recorded, or withdrawn
  status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'asked', 'accepted', 'closed')),
  -- the person asked (while asked), or who accepted
  person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  asked_at TEXT,
  -- an unanswered ask goes back to the queue after this
  answer_due_at TEXT,
  accepted_at TEXT,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('helped', 'partly', 'did-not-work-out', 'no-match', 'withdrawn')),
  outcome_note TEXT,
  created_at TEXT NOT NULL,
  -- since when it has waited in the queue (set again when it goes back)
  waiting_since TEXT NOT NULL,
  closed_at TEXT,
  anonymised_at TEXT
);
-- A hub's queue, oldest first, and its other introductions by state.
CREATE INDEX introductions_by_hub_status ON introductions (hub_id, status, waiting_since);
-- Unanswered asks past their day, for the housekeeping job.
CREATE INDEX introductions_answer_due ON introductions (answer_due_at) WHERE status = 'asked';
-- Closed introductions not yet anonymised, oldest first, for the housekeeping job.
CREATE INDEX introductions_to_anonymise ON introductions (closed_at)
  WHERE status = 'closed' AND anonymised_at IS NULL;
-- "Introduced N times in the last 90 days", per person.
CREATE INDEX introductions_by_person ON introductions (person_id, accepted_at)
  WHERE person_id IS NOT NULL;

-- The timeline: every step, when, and who (an account, or nobody for the public and the job).
CREATE TABLE introduction_events (
  id INTEGER PRIMARY KEY,
  introduction_id INTEGER NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (
    'requested', 'person-chosen', 'asked-by-email', 'asked-by-phone', 'accepted', 'declined',
    'no-answer', 'details-sent', 'how-it-went', 'closed', 'note', 'anonymised')),
  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
  note TEXT
);
CREATE INDEX introduction_events_by_introduction ON introduction_events (introduction_id, id);

-- One-use links emailed to the person asked: accept or decline. Only the hash is kept.
CREATE TABLE introduction_answer_links (
  token_hash TEXT PRIMARY KEY,
  introduction_id INTEGER NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  used_at TEXT
) WITHOUT ROWID;
CREATE INDEX introduction_answer_links_by_introduction ON introduction_answer_links (introduction_id);
