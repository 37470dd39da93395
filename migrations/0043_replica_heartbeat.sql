-- One row that `npm run replicate` rewrites a moment after the app's last write of a burst
-- (db/replication.ts, keepReplicating): a later write makes Litestream copy the WAL again, so
-- a lone write that Litestream read just before it was committed still reaches the replica.
-- It holds only the time of the last beat.
CREATE TABLE replica_heartbeat (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  beat_at TEXT NOT NULL
);
