-- Access facts are yes, no or not known for each place and feature. A row in
-- location_accessibility used to mean "yes", and no row meant nothing was recorded. Now a row
-- says yes (available = 1) or no (available = 0); no row still means nobody recorded it, so
-- the listing can say "Hearing loop: not known" rather than look the same as "no".
-- Every row already here was a "yes", which the default keeps.
ALTER TABLE location_accessibility
  ADD COLUMN available INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1));
