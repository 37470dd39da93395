/**
 * The note an erasure leaves beside the database, for Litestream's supervisor (issue 13).
 *
 * After a person's data is erased, or the purge removes something, the database file itself
 * holds none of it (secure_delete and a checkpoint: db/connection.ts). But while Litestream
 * runs, the replica's current generation still does: its snapshot and the WAL segments it
 * copied before the erasure. `npm run replicate` makes a fresh generation when it finds this
 * note (db/replication.ts, keepReplicating), and removes the note.
 *
 * A file rather than a message to a parent process, so that it reaches the supervisor however
 * the app was started: as its child, beside it (`--app-already-running`), or from
 * `npm run purge` in a process of its own. With no supervisor (plain `npm start`) the note stays
 * until `npm run replicate` next starts, which then starts Litestream on a fresh generation
 * anyway. It holds only the time of the last erasure, nothing about whose.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Db } from './connection'

/** Where the note for the database at `databasePath` is: beside it, `<file>-erased`. */
export function erasureNoteOf(databasePath: string): string {
  return `${path.resolve(databasePath)}-erased`
}

/**
 * Leaves the note beside `db`'s file (an in-memory database has no replica: nothing is done).
 * It never throws: the erasure is already saved, and failing the person's request now would
 * tell them it was not. Without the note the replica keeps the text until Litestream's
 * retention removes it (db/replication.ts, REPLICA_RETENTION).
 */
export function noteErasure(db: Db): void {
  if (db.memory) return
  try {
    fs.writeFileSync(erasureNoteOf(db.name), `${new Date().toISOString()}\n`)
  } catch {
    // See above: the replica's retention still bounds how long the text is kept there.
  }
}
