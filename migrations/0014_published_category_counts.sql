-- How many published services each category has, kept as services are written, so the start
-- page's "Browse by type" counts read one row per category instead of counting every published
-- service again after each write (about a second at 1,000,000 services). The counts are what
-- /search?category=... finds: published services with that category.

CREATE TABLE published_category_counts (
  term_id  INTEGER PRIMARY KEY REFERENCES taxonomy_terms(id) ON DELETE CASCADE,
  services INTEGER NOT NULL DEFAULT 0
);

INSERT INTO published_category_counts (term_id, services)
SELECT sc.term_id, COUNT(*)
  FROM service_categories sc
  JOIN services s ON s.id = sc.service_id
 WHERE s.status = 'published'
 GROUP BY sc.term_id;

-- A category given to a published service, or taken from one.
CREATE TRIGGER published_category_counts_add AFTER INSERT ON service_categories
WHEN (SELECT status FROM services WHERE id = NEW.service_id) = 'published'
BEGIN
  INSERT INTO published_category_counts (term_id, services) VALUES (NEW.term_id, 1)
    ON CONFLICT (term_id) DO UPDATE SET services = services + 1;
END;
CREATE TRIGGER published_category_counts_remove AFTER DELETE ON service_categories
WHEN (SELECT status FROM services WHERE id = OLD.service_id) = 'published'
BEGIN
  UPDATE published_category_counts SET services = services - 1 WHERE term_id = OLD.term_id;
END;

-- A service published, or no longer published: each of its categories counts it, or stops.
CREATE TRIGGER published_category_counts_published AFTER UPDATE OF status ON services
WHEN NEW.status = 'published' AND OLD.status <> 'published'
BEGIN
  INSERT INTO published_category_counts (term_id, services)
  SELECT term_id, 1 FROM service_categories WHERE service_id = NEW.id AND true
    ON CONFLICT (term_id) DO UPDATE SET services = services + 1;
END;
CREATE TRIGGER published_category_counts_unpublished AFTER UPDATE OF status ON services
WHEN OLD.status = 'published' AND NEW.status <> 'published'
BEGIN
  UPDATE published_category_counts SET services = services - 1
   WHERE term_id IN (SELECT term_id FROM service_categories WHERE service_id = NEW.id);
END;

-- A published service deleted: its categories go first, while it still reads as published, so
-- the trigger above counts each one off once (the cascade then has nothing left to delete).
CREATE TRIGGER published_category_counts_deleted BEFORE DELETE ON services
WHEN OLD.status = 'published'
BEGIN
  DELETE FROM service_categories WHERE service_id = OLD.id;
END;
