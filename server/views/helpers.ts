import { formHelpers } from '../forms/viewHelpers'

/**
 * Display helpers for the templates. They format; they never decide what may be shown.
 */
export const helpers = {
  eq: (a: unknown, b: unknown): boolean => a === b,
  not: (a: unknown): boolean => !a,
  and: (...args: unknown[]): boolean => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]): boolean => args.slice(0, -1).some(Boolean),
  gt: (a: unknown, b: unknown): boolean => Number(a) > Number(b),
  includes: (list: unknown, item: unknown): boolean => Array.isArray(list) && list.includes(item),
  /** "1 group" / "3 groups" */
  plural: (count: unknown, singular: unknown, pluralForm: unknown): string => {
    const n = Number(count)
    const word = n === 1 ? String(singular) : typeof pluralForm === 'string' ? pluralForm : `${String(singular)}s`
    return `${n.toLocaleString('en-GB')} ${word}`
  },
  number: (value: unknown): string => Number(value).toLocaleString('en-GB'),
  json: (value: unknown): string => JSON.stringify(value ?? null),
  ...formHelpers,
}
