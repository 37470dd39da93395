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

/** Where the site's files are linked from: see StaticAssets in server/middleware/staticFiles.ts. */
export interface AssetAddresses {
  address(plain: string): string
}

/**
 * `{{asset "/static/css/app.css"}}` gives the address to link for one of the site's files,
 * fingerprinted where it can be ("/static/css/app.3f2a9c1b07.css"), so it can be cached for good.
 */
export function assetHelper(assets: AssetAddresses): (plain: unknown) => string {
  return (plain) => assets.address(String(plain))
}
