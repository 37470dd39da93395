-- Search: full-text indexes over published services, organisations and places; a list of
-- everyday words and what else they should find; and an R*Tree over published places for
-- "near me". Triggers keep all of it in step with the listings, so a listing leaves search
-- the moment it stops being published. https://www.sqlite.org/fts5.html
-- https://www.sqlite.org/rtree.html

-- One document per published service. Columns in bm25 weight order (see
-- db/repositories/searchRepository.ts): the name counts most, then its categories (names
-- and their synonyms), then the description, then who runs it, then where it happens.
CREATE VIRTUAL TABLE services_fts USING fts5(
  name,
  categories,
  description,
  organisation,
  places,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE organisations_fts USING fts5(
  name,
  description,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE places_fts USING fts5(
  name,
  address,
  description,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- What a published service's search document holds. Triggers copy rows from here.
CREATE VIEW search_service_documents AS
SELECT s.id,
       s.name,
       COALESCE((
         SELECT group_concat(t.name || ' ' || COALESCE((
                  SELECT group_concat(ts.synonym, ' ') FROM taxonomy_term_synonyms ts WHERE ts.term_id = t.id
                ), ''), ' ')
           FROM service_categories sc
           JOIN taxonomy_terms t ON t.id = sc.term_id
          WHERE sc.service_id = s.id
       ), '') AS categories,
       s.description || ' ' || s.eligibility_description AS description,
       COALESCE((SELECT o.name FROM organizations o WHERE o.id = s.organization_id), '') AS organisation,
       COALESCE((
         SELECT group_concat(l.name || ' ' || l.city, ' ')
           FROM service_at_locations sal
           JOIN locations l ON l.id = sal.location_id AND l.status = 'published'
          WHERE sal.service_id = s.id
       ), '') AS places
  FROM services s
 WHERE s.status = 'published';

-- Services.
CREATE TRIGGER services_search_insert AFTER INSERT ON services
WHEN NEW.status = 'published'
BEGIN
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents WHERE id = NEW.id;
END;

CREATE TRIGGER services_search_update
AFTER UPDATE OF name, description, eligibility_description, organization_id, status ON services
BEGIN
  DELETE FROM services_fts WHERE rowid = OLD.id;
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents WHERE id = NEW.id;
END;

CREATE TRIGGER services_search_delete AFTER DELETE ON services
BEGIN
  DELETE FROM services_fts WHERE rowid = OLD.id;
END;

-- A service's categories.
CREATE TRIGGER service_categories_search_insert AFTER INSERT ON service_categories
BEGIN
  DELETE FROM services_fts WHERE rowid = NEW.service_id;
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents WHERE id = NEW.service_id;
END;

CREATE TRIGGER service_categories_search_delete AFTER DELETE ON service_categories
BEGIN
  DELETE FROM services_fts WHERE rowid = OLD.service_id;
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents WHERE id = OLD.service_id;
END;

-- A category's name or synonyms change: every service in it.
CREATE TRIGGER taxonomy_terms_search_update AFTER UPDATE OF name ON taxonomy_terms
BEGIN
  DELETE FROM services_fts WHERE rowid IN (SELECT service_id FROM service_categories WHERE term_id = NEW.id);
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents
   WHERE id IN (SELECT service_id FROM service_categories WHERE term_id = NEW.id);
END;

CREATE TRIGGER taxonomy_term_synonyms_search_insert AFTER INSERT ON taxonomy_term_synonyms
BEGIN
  DELETE FROM services_fts WHERE rowid IN (SELECT service_id FROM service_categories WHERE term_id = NEW.term_id);
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents
   WHERE id IN (SELECT service_id FROM service_categories WHERE term_id = NEW.term_id);
END;

CREATE TRIGGER taxonomy_term_synonyms_search_delete AFTER DELETE ON taxonomy_term_synonyms
BEGIN
  DELETE FROM services_fts WHERE rowid IN (SELECT service_id FROM service_categories WHERE term_id = OLD.term_id);
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents
   WHERE id IN (SELECT service_id FROM service_categories WHERE term_id = OLD.term_id);
END;

-- A service's places.
CREATE TRIGGER service_at_locations_search_insert AFTER INSERT ON service_at_locations
BEGIN
  DELETE FROM services_fts WHERE rowid = NEW.service_id;
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents WHERE id = NEW.service_id;
END;

CREATE TRIGGER service_at_locations_search_delete AFTER DELETE ON service_at_locations
BEGIN
  DELETE FROM services_fts WHERE rowid = OLD.service_id;
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents WHERE id = OLD.service_id;
END;

-- Organisations: their own index, and the name in their services' documents.
CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations
WHEN NEW.status = 'published'
BEGIN
  INSERT INTO organisations_fts (rowid, name, description) VALUES (NEW.id, NEW.name, NEW.description);
END;

CREATE TRIGGER organizations_search_update AFTER UPDATE OF name, description, status ON organizations
BEGIN
  DELETE FROM organisations_fts WHERE rowid = OLD.id;
  INSERT INTO organisations_fts (rowid, name, description)
  SELECT NEW.id, NEW.name, NEW.description WHERE NEW.status = 'published';
END;

CREATE TRIGGER organizations_search_rename AFTER UPDATE OF name ON organizations
BEGIN
  DELETE FROM services_fts WHERE rowid IN (SELECT id FROM services WHERE organization_id = NEW.id);
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents
   WHERE id IN (SELECT id FROM services WHERE organization_id = NEW.id);
END;

CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations
BEGIN
  DELETE FROM organisations_fts WHERE rowid = OLD.id;
END;

-- Places: their own index, the R*Tree of points, and their names in services' documents.
-- The R*Tree holds published places only; a service is found near a point through them.
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lng, max_lng);

CREATE TRIGGER locations_search_insert AFTER INSERT ON locations
WHEN NEW.status = 'published'
BEGIN
  INSERT INTO places_fts (rowid, name, address, description)
  VALUES (NEW.id, NEW.name, concat_ws(' ', NEW.address_1, NEW.address_2, NEW.city, NEW.postal_code), NEW.description);
  INSERT INTO places_rtree (id, min_lat, max_lat, min_lng, max_lng)
  VALUES (NEW.id, NEW.latitude, NEW.latitude, NEW.longitude, NEW.longitude);
END;

CREATE TRIGGER locations_search_update
AFTER UPDATE OF name, description, address_1, address_2, city, postal_code, latitude, longitude, status ON locations
BEGIN
  DELETE FROM places_fts WHERE rowid = OLD.id;
  DELETE FROM places_rtree WHERE id = OLD.id;
  INSERT INTO places_fts (rowid, name, address, description)
  SELECT NEW.id, NEW.name, concat_ws(' ', NEW.address_1, NEW.address_2, NEW.city, NEW.postal_code), NEW.description
   WHERE NEW.status = 'published';
  INSERT INTO places_rtree (id, min_lat, max_lat, min_lng, max_lng)
  SELECT NEW.id, NEW.latitude, NEW.latitude, NEW.longitude, NEW.longitude WHERE NEW.status = 'published';
END;

CREATE TRIGGER locations_search_services AFTER UPDATE OF name, city, status ON locations
BEGIN
  DELETE FROM services_fts WHERE rowid IN (SELECT service_id FROM service_at_locations WHERE location_id = NEW.id);
  INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
  SELECT id, name, categories, description, organisation, places FROM search_service_documents
   WHERE id IN (SELECT service_id FROM service_at_locations WHERE location_id = NEW.id);
END;

CREATE TRIGGER locations_search_delete AFTER DELETE ON locations
BEGIN
  DELETE FROM places_fts WHERE rowid = OLD.id;
  DELETE FROM places_rtree WHERE id = OLD.id;
END;

-- What search reads about a service for each place near a point, in a small covering index:
-- reading these few columns from the index is much quicker than reading whole service rows
-- (with their descriptions) for thousands of places.
CREATE INDEX services_search_facts ON services (id, status, is_free, comes_to_home, name);

-- Everyday words and what else they should find: "computer" also finds digital, tablet and
-- internet. Words are lower case and singular; an expansion may be a short phrase.
CREATE TABLE search_synonyms (
  word       TEXT NOT NULL CHECK (word = lower(word) AND length(word) BETWEEN 2 AND 40),
  expansion  TEXT NOT NULL CHECK (length(expansion) BETWEEN 2 AND 60),
  PRIMARY KEY (word, expansion)
) WITHOUT ROWID;

INSERT INTO search_synonyms (word, expansion) VALUES
  -- phones, tablets and computers
  ('computer', 'digital'), ('computer', 'tablet'), ('computer', 'internet'), ('computer', 'laptop'),
  ('laptop', 'computer'), ('laptop', 'digital'), ('laptop', 'tablet'),
  ('tablet', 'ipad'), ('tablet', 'digital'), ('tablet', 'computer'), ('tablet', 'phone'),
  ('ipad', 'tablet'), ('ipad', 'digital'),
  ('phone', 'smartphone'), ('phone', 'mobile'), ('phone', 'tablet'), ('phone', 'digital'),
  ('smartphone', 'phone'), ('smartphone', 'mobile'), ('smartphone', 'digital'),
  ('mobile', 'phone'), ('mobile', 'smartphone'), ('mobile', 'digital'),
  ('internet', 'online'), ('internet', 'digital'), ('internet', 'computer'), ('internet', 'email'),
  ('online', 'internet'), ('online', 'digital'),
  ('email', 'digital'), ('email', 'internet'), ('email', 'computer'),
  ('digital', 'computer'), ('digital', 'tablet'), ('digital', 'internet'), ('digital', 'phone'),
  ('zoom', 'video call'), ('zoom', 'digital'),
  ('video', 'video call'), ('video', 'digital'),
  ('whatsapp', 'phone'), ('whatsapp', 'digital'),
  ('scam', 'fraud'), ('scam', 'money'), ('scam', 'digital'),
  -- company and loneliness
  ('lonely', 'befriending'), ('lonely', 'company'), ('lonely', 'friendship'), ('lonely', 'social'),
  ('loneliness', 'befriending'), ('loneliness', 'company'), ('loneliness', 'friendship'),
  ('alone', 'befriending'), ('alone', 'company'), ('alone', 'friendship'),
  ('isolated', 'befriending'), ('isolated', 'company'), ('isolated', 'social'),
  ('company', 'befriending'), ('company', 'friendship'), ('company', 'social'),
  ('friend', 'befriending'), ('friend', 'friendship'), ('friend', 'company'),
  ('befriending', 'company'), ('befriending', 'friendship'), ('befriending', 'lonely'),
  ('chat', 'befriending'), ('chat', 'conversation'), ('chat', 'social'),
  ('bereavement', 'grief'), ('bereavement', 'loss'), ('bereavement', 'befriending'),
  ('grief', 'bereavement'), ('grief', 'loss'),
  -- walking
  ('walk', 'walking'), ('walk', 'ramble'), ('walk', 'stroll'),
  ('walking', 'walk'), ('walking', 'ramble'),
  ('ramble', 'walking'), ('ramble', 'walk'),
  ('stroll', 'walking'), ('stroll', 'walk'),
  ('hike', 'walking'), ('hike', 'ramble'),
  -- food
  ('lunch', 'meal'), ('lunch', 'dinner'), ('lunch', 'food'), ('lunch', 'lunch club'),
  ('dinner', 'lunch'), ('dinner', 'meal'), ('dinner', 'food'),
  ('meal', 'lunch'), ('meal', 'dinner'), ('meal', 'food'),
  ('food', 'lunch'), ('food', 'meal'), ('food', 'dinner'),
  ('breakfast', 'meal'), ('breakfast', 'food'), ('breakfast', 'cafe'),
  ('cook', 'cooking'), ('cook', 'food'), ('cook', 'meal'),
  ('cooking', 'cook'), ('cooking', 'food'),
  ('tea', 'coffee'), ('tea', 'cafe'), ('tea', 'social'),
  ('coffee', 'tea'), ('coffee', 'cafe'), ('coffee', 'social'),
  ('cafe', 'coffee'), ('cafe', 'tea'), ('cafe', 'social'),
  -- money
  ('money', 'benefits'), ('money', 'debt'), ('money', 'budgeting'), ('money', 'pension'), ('money', 'finance'),
  ('benefit', 'money'), ('benefit', 'welfare'), ('benefit', 'pension'), ('benefit', 'allowance'),
  ('debt', 'money'), ('debt', 'budgeting'), ('debt', 'bills'),
  ('pension', 'money'), ('pension', 'benefits'),
  ('bill', 'money'), ('bill', 'budgeting'), ('bill', 'energy'),
  ('form', 'forms'), ('form', 'benefits'), ('form', 'advice'),
  ('advice', 'help'), ('advice', 'information'), ('advice', 'guidance'),
  -- getting about
  ('bus', 'transport'), ('bus', 'minibus'), ('bus', 'travel'),
  ('transport', 'bus'), ('transport', 'lift'), ('transport', 'driver'), ('transport', 'minibus'),
  ('lift', 'transport'), ('lift', 'driver'), ('lift', 'minibus'),
  ('car', 'transport'), ('car', 'lift'), ('car', 'driver'),
  ('taxi', 'transport'), ('taxi', 'lift'),
  ('travel', 'transport'), ('travel', 'bus'),
  ('shopping', 'transport'), ('shopping', 'lift'),
  -- singing and music
  ('sing', 'singing'), ('sing', 'choir'), ('sing', 'song'), ('sing', 'music'),
  ('singing', 'choir'), ('singing', 'song'), ('singing', 'music'),
  ('choir', 'singing'), ('choir', 'sing'), ('choir', 'song'),
  ('song', 'singing'), ('song', 'choir'),
  ('music', 'singing'), ('music', 'choir'), ('music', 'song'),
  -- sheds and making
  ('shed', 'workshop'), ('shed', 'woodwork'), ('shed', 'diy'), ('shed', 'tools'),
  ('workshop', 'shed'), ('workshop', 'woodwork'),
  ('woodwork', 'shed'), ('woodwork', 'workshop'), ('woodwork', 'carpentry'),
  ('carpentry', 'woodwork'), ('carpentry', 'shed'),
  ('diy', 'shed'), ('diy', 'workshop'), ('diy', 'repair'),
  ('repair', 'mend'), ('repair', 'fix'), ('repair', 'shed'),
  -- exercise
  ('exercise', 'fitness'), ('exercise', 'movement'), ('exercise', 'keep fit'), ('exercise', 'chair'),
  ('exercise', 'yoga'), ('exercise', 'tai chi'), ('exercise', 'balance'),
  ('fitness', 'exercise'), ('fitness', 'keep fit'),
  ('yoga', 'exercise'), ('yoga', 'stretching'),
  ('chair', 'seated'), ('chair', 'exercise'),
  ('seated', 'chair'), ('seated', 'exercise'),
  ('dance', 'dancing'), ('dance', 'movement'), ('dance', 'exercise'),
  ('fall', 'balance'), ('fall', 'strength'), ('fall', 'exercise'),
  ('balance', 'falls'), ('balance', 'strength'), ('balance', 'exercise'),
  ('swim', 'swimming'), ('swim', 'pool'), ('swim', 'exercise'),
  ('bowl', 'bowls'), ('bowl', 'bowling'), ('bowl', 'sport'),
  -- carers
  ('carer', 'carers'), ('carer', 'caring'), ('carer', 'respite'), ('carer', 'support'),
  ('caring', 'carer'), ('caring', 'respite'),
  ('respite', 'carer'), ('respite', 'break'),
  -- memory
  ('dementia', 'memory'), ('dementia', 'alzheimer'), ('dementia', 'alzheimers'), ('dementia', 'memory cafe'),
  ('memory', 'dementia'), ('memory', 'alzheimer'), ('memory', 'reminiscence'),
  ('alzheimer', 'dementia'), ('alzheimer', 'memory'),
  ('alzheimers', 'dementia'), ('alzheimers', 'memory'),
  ('forget', 'memory'), ('forget', 'dementia'),
  ('forgetful', 'memory'), ('forgetful', 'dementia'),
  -- arts and crafts
  ('knit', 'knitting'), ('knit', 'craft'), ('knit', 'crochet'), ('knit', 'yarn'),
  ('knitting', 'knit'), ('knitting', 'craft'), ('knitting', 'crochet'),
  ('crochet', 'knitting'), ('crochet', 'craft'),
  ('craft', 'crafts'), ('craft', 'art'), ('craft', 'knitting'), ('craft', 'sewing'), ('craft', 'making'),
  ('art', 'arts'), ('art', 'craft'), ('art', 'painting'), ('art', 'drawing'),
  ('paint', 'painting'), ('paint', 'art'),
  ('painting', 'art'), ('painting', 'paint'),
  ('draw', 'drawing'), ('draw', 'art'),
  ('sew', 'sewing'), ('sew', 'craft'),
  ('sewing', 'sew'), ('sewing', 'craft'), ('sewing', 'knitting'),
  -- gardens
  ('garden', 'gardening'), ('garden', 'allotment'), ('garden', 'plants'), ('garden', 'growing'),
  ('gardening', 'garden'), ('gardening', 'allotment'), ('gardening', 'growing'),
  ('allotment', 'garden'), ('allotment', 'gardening'), ('allotment', 'growing'),
  ('grow', 'garden'), ('grow', 'gardening'), ('grow', 'allotment'),
  ('plant', 'garden'), ('plant', 'gardening'),
  -- health, sight and hearing
  ('hearing', 'deaf'), ('hearing', 'hearing loop'),
  ('deaf', 'hearing'),
  ('sight', 'vision'), ('sight', 'eyesight'), ('sight', 'blind'),
  ('blind', 'sight'), ('blind', 'vision'),
  ('health', 'wellbeing'), ('health', 'wellness'),
  ('wellbeing', 'health'), ('wellbeing', 'wellness'),
  -- games, reading and learning
  ('book', 'books'), ('book', 'reading'), ('book', 'library'),
  ('reading', 'books'), ('reading', 'library'), ('reading', 'book club'),
  ('quiz', 'games'), ('quiz', 'social'),
  ('game', 'games'), ('game', 'bingo'), ('game', 'cards'), ('game', 'quiz'),
  ('bingo', 'games'), ('bingo', 'social'),
  ('card', 'cards'), ('card', 'games'),
  ('learn', 'learning'), ('learn', 'class'), ('learn', 'course'),
  ('class', 'course'), ('class', 'learning'),
  ('talk', 'talks'), ('talk', 'learning'),
  ('volunteer', 'volunteering'), ('volunteer', 'helping');

-- Backfill from the rows already there.
INSERT INTO services_fts (rowid, name, categories, description, organisation, places)
SELECT id, name, categories, description, organisation, places FROM search_service_documents;

INSERT INTO organisations_fts (rowid, name, description)
SELECT id, name, description FROM organizations WHERE status = 'published';

INSERT INTO places_fts (rowid, name, address, description)
SELECT id, name, concat_ws(' ', address_1, address_2, city, postal_code), description FROM locations WHERE status = 'published';

INSERT INTO places_rtree (id, min_lat, max_lat, min_lng, max_lng)
SELECT id, latitude, latitude, longitude, longitude FROM locations WHERE status = 'published';
