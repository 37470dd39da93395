/** Short ways to write the demo data's schedules and costs. */
import type { CostSeed, Day, ScheduleSeed } from './types'

interface Extra {
  /** words for what the columns cannot say, such as "visits at a time agreed with you" */
  description?: string
  /** a place key, when this session happens at one of the service's places only */
  at?: string
}

const schedule = (fields: Omit<ScheduleSeed, 'description' | 'at'>, extra: Extra): ScheduleSeed => ({
  ...fields,
  description: extra.description ?? '',
  at: extra.at ?? null,
})

/** Every week: weekly('TU', '10:00', '12:00') */
export const weekly = (byday: Day, opensAt: string, closesAt: string, extra: Extra = {}): ScheduleSeed =>
  schedule({ byday, opensAt, closesAt, freq: 'WEEKLY', interval: 1, weekOfMonth: null }, extra)

/** Every other week */
export const fortnightly = (byday: Day, opensAt: string, closesAt: string, extra: Extra = {}): ScheduleSeed =>
  schedule({ byday, opensAt, closesAt, freq: 'WEEKLY', interval: 2, weekOfMonth: null }, extra)

/** monthly(1, 'TU', ...) is the first Tuesday of the month; -1 is the last. */
export const monthly = (
  weekOfMonth: -1 | 1 | 2 | 3 | 4,
  byday: Day,
  opensAt: string,
  closesAt: string,
  extra: Extra = {},
): ScheduleSeed => schedule({ byday, opensAt, closesAt, freq: 'MONTHLY', interval: 1, weekOfMonth }, extra)

/** A service that comes to people's homes: the days and hours it runs, and how a time is agreed. */
export const visits = (days: Day[], opensAt: string, closesAt: string, description: string): ScheduleSeed[] =>
  days.map((day) => weekly(day, opensAt, closesAt, { description }))

export const FREE: CostSeed = { free: true }

/** costOf(350, 'meal') is "£3.50 a meal" */
export const costOf = (pence: number, per: string, description?: string): CostSeed =>
  description === undefined ? { free: false, pence, per } : { free: false, pence, per, description }

/** A cost that only words can say: "Pay what you can" */
export const costInWords = (description: string): CostSeed => ({
  free: false,
  pence: null,
  per: null,
  description,
})
