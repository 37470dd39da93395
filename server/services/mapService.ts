/** The map's service lives in ./map/ (split by job); this keeps the old import path working. */
export * from './map'
