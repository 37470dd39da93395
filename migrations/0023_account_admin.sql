-- Admin pages (issue 9): the list of accounts is read by name, a page at a time, optionally
-- one role only, so it never sorts every account; and an audit entry can say what changed
-- (a role "from member to coordinator of Thanet"), beside why (its reason), and be found by
-- what happened.
CREATE INDEX accounts_by_name ON accounts (display_name COLLATE NOCASE, id);
CREATE INDEX accounts_by_role_and_name ON accounts (role, display_name COLLATE NOCASE, id);

ALTER TABLE audit_log ADD COLUMN detail TEXT;

-- The audit log's "What happened" filter reads one kind of entry, newest first, from here.
CREATE INDEX audit_log_by_action ON audit_log (action, at);
