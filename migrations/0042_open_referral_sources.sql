-- Reading another directory's Open Referral UK feed (issue 14).
--
-- Each directory we read from is a source: a feed's base address, or the name a file was
-- imported under. Each listing that came from one remembers the source and the id the source
-- gave it, so importing the same feed again updates those listings instead of adding them
-- twice. A listing the source no longer lists is not deleted: gone_since is set, and it is
-- flagged for a coordinator to check or archive (the import page lists them; marking it as
-- checked clears the flag). Each import of a source is numbered (imports), and each record
-- keeps the number of the latest import that listed it (seen_in_import): whatever of that
-- source an import did not see is gone.
CREATE TABLE open_referral_sources (
  id              INTEGER PRIMARY KEY,
  -- the feed's base address (https://example.org/api), or 'file:' and the name it came under
  source_key      TEXT NOT NULL UNIQUE,
  label           TEXT NOT NULL,
  first_imported_at TEXT NOT NULL,
  last_imported_at TEXT NOT NULL,
  imports         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE open_referral_records (
  source_id       INTEGER NOT NULL REFERENCES open_referral_sources (id) ON DELETE CASCADE,
  listing_type    TEXT NOT NULL CHECK (listing_type IN ('service', 'organisation', 'place')),
  -- the id the source gave the record (a UUID in HSDS 3.0, but any text a source uses)
  source_record_id TEXT NOT NULL,
  listing_id      INTEGER NOT NULL,
  seen_in_import  INTEGER NOT NULL,
  gone_since      TEXT,
  PRIMARY KEY (source_id, listing_type, source_record_id)
) WITHOUT ROWID;
-- "Mark as checked" finds a listing's flags by the listing.
CREATE INDEX open_referral_records_by_listing ON open_referral_records (listing_type, listing_id);
-- The listings gone from their feeds, oldest first, a page at a time.
CREATE INDEX open_referral_records_gone ON open_referral_records (gone_since, listing_type, listing_id)
  WHERE gone_since IS NOT NULL;

-- listing_id names a row of one of three tables, so it cannot be a foreign key: a listing
-- deleted outright takes its record with it here instead.
CREATE TRIGGER services_forget_source AFTER DELETE ON services
BEGIN
  DELETE FROM open_referral_records WHERE listing_type = 'service' AND listing_id = OLD.id;
END;
CREATE TRIGGER organizations_forget_source AFTER DELETE ON organizations
BEGIN
  DELETE FROM open_referral_records WHERE listing_type = 'organisation' AND listing_id = OLD.id;
END;
CREATE TRIGGER locations_forget_source AFTER DELETE ON locations
BEGIN
  DELETE FROM open_referral_records WHERE listing_type = 'place' AND listing_id = OLD.id;
END;
