-- Retention (issue 13): the daily purge finds what has passed its period through these
-- indexes, a bounded batch at a time, never by reading a whole table. The tables they cover
-- are in migrations 0021 (outbox, emailed_links), 0024 (sharing_drafts), 0027
-- (introduction_answer_links) and 0028 (claim_links); sessions, the audit log and closed
-- introductions have theirs already.
CREATE INDEX outbox_by_age ON outbox (created_at);
CREATE INDEX sharing_drafts_by_age ON sharing_drafts (updated_at);
CREATE INDEX emailed_links_by_expiry ON emailed_links (expires_at);
CREATE INDEX claim_links_by_expiry ON claim_links (expires_at);
CREATE INDEX introduction_answer_links_by_expiry ON introduction_answer_links (expires_at);
