import type { Db } from './connection'

/**
 * Gives SQLite's query planner statistics about the data. Without them it can pick a
 * dreadful order for joins over 100,000 listings (for example, scanning every service for
 * each place). A database that has never been analysed gets a full ANALYZE; after that,
 * PRAGMA optimize refreshes only what has changed enough to matter.
 * https://www.sqlite.org/lang_analyze.html#recommended_usage_pattern
 */
export function refreshPlannerStatistics(db: Db): void {
  const analysed = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
    .get()
  if (analysed) {
    db.pragma('optimize')
  } else {
    db.exec('ANALYZE')
  }
}
