-- What is missing in each hub (issue 12, the gaps report): how many published services of each
-- category each hub has, and how many people shown (consent in force, not paused) share each
-- skill there. Kept as services, people and their terms are written, so the report compares a
-- hub with the median of every hub by reading these counts (hubs times terms, about 330,000
-- rows at 10,000 hubs, and only when the data has changed) instead of counting 1,000,000
-- services and 500,000 people again. A service belongs to the hub of services.hub_id; a person
-- to people.hub_id. A hub with no row, or a row of 0, has none.

CREATE TABLE hub_category_counts (
  hub_id   INTEGER NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
  term_id  INTEGER NOT NULL REFERENCES taxonomy_terms(id) ON DELETE CASCADE,
  services INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hub_id, term_id)
) WITHOUT ROWID;
-- Every hub's count for one category, in order: the median reads this.
CREATE INDEX hub_category_counts_by_term ON hub_category_counts (term_id, services);

CREATE TABLE hub_skill_counts (
  hub_id   INTEGER NOT NULL REFERENCES hubs(id) ON DELETE CASCADE,
  term_id  INTEGER NOT NULL REFERENCES taxonomy_terms(id) ON DELETE CASCADE,
  people   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hub_id, term_id)
) WITHOUT ROWID;
CREATE INDEX hub_skill_counts_by_term ON hub_skill_counts (term_id, people);

INSERT INTO hub_category_counts (hub_id, term_id, services)
SELECT s.hub_id, sc.term_id, COUNT(*)
  FROM service_categories sc
  JOIN services s ON s.id = sc.service_id
 WHERE s.status = 'published' AND s.hub_id IS NOT NULL
 GROUP BY s.hub_id, sc.term_id;

INSERT INTO hub_skill_counts (hub_id, term_id, people)
SELECT p.hub_id, ps.term_id, COUNT(*)
  FROM person_skills ps
  JOIN people p ON p.id = ps.person_id
 WHERE p.hub_id IS NOT NULL AND p.consent_id IS NOT NULL AND p.paused_at IS NULL
 GROUP BY p.hub_id, ps.term_id;

-- Services. A service counts when it is published and has a hub.

-- A category given to a counted service, or taken from one. (A published service deleted has
-- its categories deleted first, while it still reads as published: migrations/0014.)
CREATE TRIGGER hub_category_counts_add AFTER INSERT ON service_categories
WHEN (SELECT status = 'published' AND hub_id IS NOT NULL FROM services WHERE id = NEW.service_id)
BEGIN
  INSERT INTO hub_category_counts (hub_id, term_id, services)
  SELECT hub_id, NEW.term_id, 1 FROM services WHERE id = NEW.service_id AND true
    ON CONFLICT (hub_id, term_id) DO UPDATE SET services = services + 1;
END;

CREATE TRIGGER hub_category_counts_remove AFTER DELETE ON service_categories
WHEN (SELECT status = 'published' AND hub_id IS NOT NULL FROM services WHERE id = OLD.service_id)
BEGIN
  UPDATE hub_category_counts SET services = services - 1
   WHERE hub_id = (SELECT hub_id FROM services WHERE id = OLD.service_id) AND term_id = OLD.term_id;
END;

CREATE TRIGGER hub_category_counts_change AFTER UPDATE OF service_id, term_id ON service_categories
BEGIN
  UPDATE hub_category_counts SET services = services - 1
   WHERE (hub_id, term_id) = (SELECT hub_id, OLD.term_id FROM services
                               WHERE id = OLD.service_id AND status = 'published' AND hub_id IS NOT NULL);
  INSERT INTO hub_category_counts (hub_id, term_id, services)
  SELECT hub_id, NEW.term_id, 1 FROM services
   WHERE id = NEW.service_id AND status = 'published' AND hub_id IS NOT NULL
    ON CONFLICT (hub_id, term_id) DO UPDATE SET services = services + 1;
END;

-- A service no longer counted in its old hub (unpublished, or moved to another hub, or to none).
CREATE TRIGGER hub_category_counts_service_leaves AFTER UPDATE OF status, hub_id ON services
WHEN OLD.status = 'published' AND OLD.hub_id IS NOT NULL
 AND NOT (NEW.status = 'published' AND NEW.hub_id IS OLD.hub_id)
BEGIN
  UPDATE hub_category_counts SET services = services - 1
   WHERE hub_id = OLD.hub_id AND term_id IN (SELECT term_id FROM service_categories WHERE service_id = OLD.id);
END;

-- A service counted in its new hub (published, or moved into a hub).
CREATE TRIGGER hub_category_counts_service_arrives AFTER UPDATE OF status, hub_id ON services
WHEN NEW.status = 'published' AND NEW.hub_id IS NOT NULL
 AND NOT (OLD.status = 'published' AND OLD.hub_id IS NEW.hub_id)
BEGIN
  INSERT INTO hub_category_counts (hub_id, term_id, services)
  SELECT NEW.hub_id, term_id, 1 FROM service_categories WHERE service_id = NEW.id AND true
    ON CONFLICT (hub_id, term_id) DO UPDATE SET services = services + 1;
END;

-- People. A person counts when they have a hub, consent in force and have not paused.

CREATE TRIGGER hub_skill_counts_add AFTER INSERT ON person_skills
WHEN (SELECT hub_id IS NOT NULL AND consent_id IS NOT NULL AND paused_at IS NULL FROM people WHERE id = NEW.person_id)
BEGIN
  INSERT INTO hub_skill_counts (hub_id, term_id, people)
  SELECT hub_id, NEW.term_id, 1 FROM people WHERE id = NEW.person_id AND true
    ON CONFLICT (hub_id, term_id) DO UPDATE SET people = people + 1;
END;

-- A skill taken from a counted person. (A person deleted is counted off first, below, and is
-- gone by the time the cascade deletes their skills, so this finds nobody then.)
CREATE TRIGGER hub_skill_counts_remove AFTER DELETE ON person_skills
WHEN (SELECT hub_id IS NOT NULL AND consent_id IS NOT NULL AND paused_at IS NULL FROM people WHERE id = OLD.person_id)
BEGIN
  UPDATE hub_skill_counts SET people = people - 1
   WHERE hub_id = (SELECT hub_id FROM people WHERE id = OLD.person_id) AND term_id = OLD.term_id;
END;

CREATE TRIGGER hub_skill_counts_change AFTER UPDATE OF person_id, term_id ON person_skills
BEGIN
  UPDATE hub_skill_counts SET people = people - 1
   WHERE (hub_id, term_id) = (SELECT hub_id, OLD.term_id FROM people
                               WHERE id = OLD.person_id AND hub_id IS NOT NULL
                                 AND consent_id IS NOT NULL AND paused_at IS NULL);
  INSERT INTO hub_skill_counts (hub_id, term_id, people)
  SELECT hub_id, NEW.term_id, 1 FROM people
   WHERE id = NEW.person_id AND hub_id IS NOT NULL AND consent_id IS NOT NULL AND paused_at IS NULL
    ON CONFLICT (hub_id, term_id) DO UPDATE SET people = people + 1;
END;

-- A person no longer counted in their old hub: consent withdrawn, paused, or moved hub.
CREATE TRIGGER hub_skill_counts_person_leaves AFTER UPDATE OF hub_id, consent_id, paused_at ON people
WHEN OLD.hub_id IS NOT NULL AND OLD.consent_id IS NOT NULL AND OLD.paused_at IS NULL
 AND NOT (NEW.hub_id IS OLD.hub_id AND NEW.consent_id IS NOT NULL AND NEW.paused_at IS NULL)
BEGIN
  UPDATE hub_skill_counts SET people = people - 1
   WHERE hub_id = OLD.hub_id AND term_id IN (SELECT term_id FROM person_skills WHERE person_id = OLD.id);
END;

-- A person counted in their new hub: consent given, back from a pause, or moved hub.
CREATE TRIGGER hub_skill_counts_person_arrives AFTER UPDATE OF hub_id, consent_id, paused_at ON people
WHEN NEW.hub_id IS NOT NULL AND NEW.consent_id IS NOT NULL AND NEW.paused_at IS NULL
 AND NOT (OLD.hub_id IS NEW.hub_id AND OLD.consent_id IS NOT NULL AND OLD.paused_at IS NULL)
BEGIN
  INSERT INTO hub_skill_counts (hub_id, term_id, people)
  SELECT NEW.hub_id, term_id, 1 FROM person_skills WHERE person_id = NEW.id AND true
    ON CONFLICT (hub_id, term_id) DO UPDATE SET people = people + 1;
END;

-- A counted person deleted: counted off while their skills are still there.
CREATE TRIGGER hub_skill_counts_person_deleted BEFORE DELETE ON people
WHEN OLD.hub_id IS NOT NULL AND OLD.consent_id IS NOT NULL AND OLD.paused_at IS NULL
BEGIN
  UPDATE hub_skill_counts SET people = people - 1
   WHERE hub_id = OLD.hub_id AND term_id IN (SELECT term_id FROM person_skills WHERE person_id = OLD.id);
END;
