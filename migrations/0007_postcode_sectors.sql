-- Each postcode sector's centre, so that "CT9 2" (a postcode typed as far as people remember
-- it) finds the middle of its postcodes with one primary-key lookup. A sector is a postcode
-- without its last two letters: 'CT9 2AB' is in the sector 'CT9 2', in the district 'CT9'.
-- Like postcode_districts, it is rebuilt by every import in the same transaction that replaces
-- the postcodes (db/repositories/postcodesRepository.ts), so the three always agree.
CREATE TABLE postcode_sectors (
  sector          TEXT PRIMARY KEY, -- e.g. 'CT9 2', 'SW1A 1'
  district        TEXT NOT NULL,    -- e.g. 'CT9'
  postcode_count  INTEGER NOT NULL,
  latitude        REAL NOT NULL,
  longitude       REAL NOT NULL
) WITHOUT ROWID;

-- Databases that already hold postcodes get their sectors now.
INSERT INTO postcode_sectors (sector, district, postcode_count, latitude, longitude)
  SELECT substr(postcode, 1, length(postcode) - 2), district, count(*), avg(latitude), avg(longitude)
    FROM postcodes
   GROUP BY substr(postcode, 1, length(postcode) - 2), district;

-- "SW1" is not a district but the start of several (SW1A, SW1E, SW1P, ...). They are found
-- with `district >= 'SW1A' AND district <= 'SW1Z'`, a bounded range scan (at most 26 rows) of
-- postcode_districts' primary key, which is already the index this needs: that table is
-- WITHOUT ROWID, so its rows are stored in district order. (LIKE 'SW1%' would read every
-- district.) test/unit/importPostcodes.test.ts checks the query plan. No second index is added,
-- since it would only repeat the table.
