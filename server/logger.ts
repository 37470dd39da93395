import pino from 'pino'

export type Logger = pino.Logger

/** The app's logger, writing JSON lines to standard output, or to `destination` (as tests do). */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: ['req.headers.cookie', 'req.headers.authorization'] }
  return destination ? pino(options, destination) : pino(options)
}
