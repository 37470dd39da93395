-- Introductions (issue 11): a coordinator of every hub (or an admin) reads the introductions
-- in one state across all hubs, oldest waiting first, a page at a time; this index lets that
-- page be read in order rather than sorting every introduction in the state.
CREATE INDEX introductions_by_status ON introductions (status, waiting_since);
