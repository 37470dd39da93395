-- Postcodes from the ONS Postcode Directory (ONSPD), imported by `npm run import:postcodes`.
-- Only live postcodes with a location are kept. See db/importPostcodes.ts.
CREATE TABLE postcodes (
  postcode   TEXT PRIMARY KEY, -- normalised: upper case, one space, e.g. 'CT10 1AB'
  district   TEXT NOT NULL,    -- the outward code, the part before the space, e.g. 'CT10'
  latitude   REAL NOT NULL,
  longitude  REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX postcodes_district ON postcodes (district);

-- Each postcode district's centre: the average point of its postcodes. Rebuilt by every import
-- in the same transaction that replaces the postcodes, so the two always agree.
CREATE TABLE postcode_districts (
  district        TEXT PRIMARY KEY, -- e.g. 'CT10', 'S11', 'SW1A'
  postcode_count  INTEGER NOT NULL,
  latitude        REAL NOT NULL,
  longitude       REAL NOT NULL
) WITHOUT ROWID;
