import { projectPath } from '../server/paths'
import type { Db } from './connection'
import { importPostcodes, type PostcodeImportSummary } from './importPostcodes'
import { PostcodesRepository } from './repositories/postcodesRepository'

/** Made-up postcodes around the demo hubs, in ONSPD's layout: see test/fixtures/README.md. */
export const DEMO_POSTCODES_FILE = projectPath('test', 'fixtures', 'onspd-demo.csv')

/**
 * On a first start (no postcodes at all) imports the demo postcodes, so postcode search works
 * before anyone runs `npm run import:postcodes`. Returns null when there were postcodes already.
 */
export async function importDemoPostcodesIfEmpty(db: Db): Promise<PostcodeImportSummary | null> {
  if (new PostcodesRepository(db).count() > 0) return null
  return importPostcodes(db, DEMO_POSTCODES_FILE)
}
