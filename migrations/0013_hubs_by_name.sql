-- /people lists hubs ten at a time by name: each page reads names in order from here rather
-- than sorting every hub.
CREATE INDEX hubs_name ON hubs (name, id);
