-- How a service reaches people besides meeting at its places: it comes to their homes
-- (comes_to_home, already there), it phones them (by_phone), or it runs online (online).
--
-- The area such a service reaches is always its hub's area (services.hub_id): the hub's
-- boundary, or else its radius. A service without a hub reaches nobody through an area; it
-- is found only at its places. We decided against "the whole country" for online services:
-- every service in the directory is run by people in a hub, and a list that every search
-- anywhere must read could only grow. A national service is listed in each hub it serves.
ALTER TABLE services ADD COLUMN by_phone INTEGER NOT NULL DEFAULT 0 CHECK (by_phone IN (0, 1));
ALTER TABLE services ADD COLUMN online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1));

-- Search reads the services of the hubs covering a point that reach people at home, by
-- phone or online: this index finds them without reading each hub's other services.
CREATE INDEX services_reach ON services (hub_id, status, comes_to_home, by_phone, online);

-- The demo's telephone friendship services were marked "comes to your home": they phone.
UPDATE services SET by_phone = 1, comes_to_home = 0
 WHERE name LIKE 'Later Life Link phone friends (%' AND comes_to_home = 1;

-- Everyday words now widen a search only in their own sense: through the synonyms of each
-- category (taxonomy_term_synonyms, in the categories column of services_fts), which rank
-- below a match on the word typed. The old list of words and what else they "should find"
-- widened "tablet" to "phone" and "bereavement" to "befriending"; it is no longer read.
DROP TABLE search_synonyms;

-- Words people use for feeling alone, for the social groups as well as befriending.
INSERT INTO taxonomy_term_synonyms (term_id, synonym)
SELECT t.id, w.synonym
  FROM taxonomy_terms t
  JOIN (SELECT 'befriending' AS code, 'alone' AS synonym
        UNION ALL SELECT 'coffee-mornings', 'lonely'
        UNION ALL SELECT 'coffee-mornings', 'loneliness'
        UNION ALL SELECT 'coffee-mornings', 'isolated'
        UNION ALL SELECT 'coffee-mornings', 'company') w ON w.code = t.code
 WHERE t.vocabulary = 'category'
   AND NOT EXISTS (SELECT 1 FROM taxonomy_term_synonyms s WHERE s.term_id = t.id AND s.synonym = w.synonym);
