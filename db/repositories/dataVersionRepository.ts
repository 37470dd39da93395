import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/**
 * The data version: one number, kept in the database (0005_data_version.sql), that goes up
 * with every write to anything the public can see. Triggers move it for row writes, from any
 * connection or process; bulk imports call bump() once at the end instead.
 */
export class DataVersionRepository {
  private readonly read: Statement<[], number>
  private readonly increase: Statement<[], unknown>

  constructor(db: Db) {
    this.read = db.prepare<[], number>('SELECT version FROM data_version WHERE id = 1').pluck()
    this.increase = db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1')
  }

  /** The current version: one primary-key lookup, cheap enough to read on every request. */
  current(): number {
    return this.read.get() ?? 0
  }

  /** Moves the version on, for a bulk write (an import) that the triggers do not watch. */
  bump(): void {
    this.increase.run()
  }
}
