/**
 * The worker's side: answers the questions the pool sends, one at a time, over a read-only
 * connection of its own to the same database file (WAL lets it read while the main thread
 * writes; https://github.com/WiseLibs/better-sqlite3/blob/master/docs/threads.md).
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { buildServices } from '..'
import {
  answer,
  type FromWorker,
  type SearchAnswerer,
  type SearchWorkerData,
  type ToWorker,
} from './protocol'

/** A worker's answerer and how to let go of what it holds. */
export interface OpenedAnswerer {
  answerer: SearchAnswerer
  close(): void
}

/**
 * The real answerer: the app's own services over a read-only connection, so search works
 * exactly as on the main thread, with its own answer caches (told about writes by the data
 * version kept in the database, as on the main thread).
 */
export function openSearchService(data: SearchWorkerData): OpenedAnswerer {
  const db = new Database(data.databasePath, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  db.pragma(`cache_size = -${String(Math.round(data.cacheKiB))}`)
  const { search } = buildServices(db, data.config)
  return { answerer: search, close: () => db.close() }
}

/** Answers the pool's questions with what `open` gives; runs only inside a worker thread. */
export function serveSearches(open: (data: SearchWorkerData) => OpenedAnswerer): void {
  const port = parentPort
  if (!port) throw new Error('serveSearches runs only inside a worker thread')
  const send = (message: FromWorker) => port.postMessage(message)
  const { answerer, close } = open(workerData as SearchWorkerData)
  port.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      close()
      port.close()
      return
    }
    try {
      send({ type: 'answer', id: message.id, ok: true, value: answer(answerer, message) })
    } catch (error) {
      const { message: text, stack } = error instanceof Error ? error : new Error(String(error))
      send({ type: 'answer', id: message.id, ok: false, error: { message: text, stack } })
    }
  })
  send({ type: 'ready' })
}
