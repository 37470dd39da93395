-- The services that reach people in a hub's area (they come to people's homes, phone them or
-- run online), as search, the map and the hub page read them for every hub whose area covers
-- a point (about 50 hubs at a time in a national directory). The index of 0008 listed every
-- service of those hubs and read each one's row: about 63 ms for 50 hubs when the pages were
-- not in memory (1,000,000 services). This one holds only published services that reach
-- people, with every column the query tests and returns, so the rows are never read: about
-- 1 ms. (0025 is left to another change made at the same time.)
DROP INDEX services_reach;
CREATE INDEX services_reaching_people
  ON services (hub_id, status, comes_to_home, by_phone, online, is_free, day_mask, name)
  WHERE status = 'published' AND (comes_to_home = 1 OR by_phone = 1 OR online = 1);
