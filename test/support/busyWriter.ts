/**
 * A process that keeps writing to a database file, as the running app does, until it is
 * killed: `node --import tsx test/support/busyWriter.ts FILE`. It writes emails to the outbox
 * (which no public page shows), one small transaction at a time, and says "writing" once the
 * first is in.
 */
import { openDatabase } from '../../db/connection'
import { OutboxRepository } from '../../db/repositories/outboxRepository'

const file = process.argv[2]
if (!file) throw new Error('Usage: busyWriter.ts FILE')
const outbox = new OutboxRepository(openDatabase(file))
let written = 0

function writeOne(): void {
  outbox.add({
    to: `someone-${written}@example.org`,
    subject: 'Written while a backup is taken',
    body: 'x'.repeat(2000),
    createdAt: new Date().toISOString(),
  })
  written += 1
  if (written === 1) process.stdout.write('writing\n')
  setImmediate(writeOne)
}

writeOne()
