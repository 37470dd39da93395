-- Coordinators' back office (issue 11): the coordinator home counts each hub's new members and
-- the people whose consent needs checking, and "Find local expertise" finds people near a
-- place by their postcode district. Each reads only the rows it needs through these indexes,
-- never every person (the benchmark has 500,000).

-- New members of a hub: people who joined it since a date.
CREATE INDEX people_by_hub_joined ON people (hub_id, created_at);

-- People of a hub with no consent in force, or who have paused: few, so a small index.
CREATE INDEX people_to_check_by_hub ON people (hub_id)
  WHERE consent_id IS NULL OR paused_at IS NOT NULL;

-- People near a place: those whose postcode district's centre is near it (privacy rule 1: the
-- district is all that is kept of where someone lives). Only people who are shown.
CREATE INDEX people_shown_by_district ON people (postcode_district)
  WHERE consent_id IS NOT NULL AND paused_at IS NULL;
