-- The one door from public pages into the people table (DESIGN.md, "People's privacy: the
-- rules"). It has no last name (only its first letter), email, phone, postcode district,
-- availability or contact preference, so a page that reads people through it cannot show
-- what it never selected. Until now every connection made this as a TEMP VIEW; as a view in
-- the database it is made once, by a migration, like the rest of the schema.
CREATE VIEW people_for_public_pages AS
  SELECT id, first_name, upper(substr(trim(last_name), 1, 1)) AS last_initial, hub_id,
         skills_in_own_words, would_like_to_share, visibility
    FROM people;
