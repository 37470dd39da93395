/** The search worker's entry: the app's own search over a read-only connection (see serve.ts). */
import { openSearchService, serveSearches } from './serve'

serveSearches(openSearchService)
