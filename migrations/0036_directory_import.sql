-- Import and export of the directory (issue 12).
--
-- An uploaded CSV's rows wait here between its dry run and "Import N rows", checked and ready
-- to write, so the rows written are exactly the rows checked: the file is never sent again by
-- the browser, nor parsed twice. Each upload has a random id (its address) and belongs to the
-- account that sent it; only that account can see or import it. Uploads older than a day, and
-- an account's earlier uploads not imported, are removed when it sends a new one
-- (db/repositories/importUploadsRepository.ts). report is the dry run's findings as JSON
-- (problems and possible duplicates); sha256 is the file's, for the audit log.
CREATE TABLE import_uploads (
  id          TEXT PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  row_count   INTEGER NOT NULL,
  report      TEXT NOT NULL CHECK (json_valid(report)),
  created_at  TEXT NOT NULL,
  imported_at TEXT
);
CREATE INDEX import_uploads_by_account ON import_uploads (account_id, created_at);
CREATE INDEX import_uploads_by_time ON import_uploads (created_at);

-- The rows of a file with no problems, each as JSON (server/services/directory/importRows.ts
-- PreparedRow), by the row's number in the file. They go once imported.
CREATE TABLE import_upload_rows (
  upload_id   TEXT NOT NULL REFERENCES import_uploads (id) ON DELETE CASCADE,
  row         INTEGER NOT NULL,
  data        TEXT NOT NULL,
  PRIMARY KEY (upload_id, row)
) WITHOUT ROWID;

-- An import finds an organisation already listed by its name, whatever its case, and a place
-- by its postcode and name; "possible duplicates" finds services by the postcode of their
-- place and their name. Each is one index lookup per row, never a read of every listing.
CREATE INDEX organizations_by_lower_name ON organizations (lower(name));
CREATE INDEX locations_by_postcode_name ON locations (postal_code, lower(name));
