/**
 * Display helpers for the form partials (views/partials/forms/): they work out ids and
 * aria-describedby the way the GOV.UK Frontend macros do. Registered with the others in
 * server/views/helpers.ts.
 */

/** Handlebars passes its options object last; these helpers only want the values before it. */
const valuesOf = (args: unknown[]): unknown[] => args.slice(0, -1)

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : ''

export const formHelpers = {
  /** "a-b": joins its arguments into one string */
  concat: (...args: unknown[]): string => valuesOf(args).map(text).join(''),

  /**
   * aria-describedby for a field with this id: what comes before (a character count's
   * message), "{id}-hint" when there is a hint, "{id}-error" when there is an error. Empty
   * when there is nothing, so the attribute can be left out.
   */
  fieldDescribedBy: (...args: unknown[]): string => {
    const [id, hint, error, before] = valuesOf(args)
    return [text(before), hint ? `${text(id)}-hint` : '', error ? `${text(id)}-error` : '']
      .filter(Boolean)
      .join(' ')
  },

  /** A radio's or checkbox's id: its own when given, else the first is "{prefix}", the next "{prefix}-2" */
  itemId: (...args: unknown[]): string => {
    const [prefix, index, own] = valuesOf(args)
    if (typeof own === 'string' && own !== '') return own
    const n = Number(index)
    return n === 0 ? text(prefix) : `${text(prefix)}-${n + 1}`
  },

  /** A character count's message id ("{id}-info"), or nothing for a plain textarea */
  characterCountId: (...args: unknown[]): string => {
    const [id, maxlength] = valuesOf(args)
    return maxlength ? `${text(id)}-info` : ''
  },

  /** A radio's or checkbox's aria-describedby: the group's ids (without a fieldset) and its own hint's */
  itemDescribedBy: (...args: unknown[]): string => {
    const [groupIds, id, hint] = valuesOf(args)
    return [text(groupIds), hint ? `${text(id)}-item-hint` : ''].filter(Boolean).join(' ')
  },

  /** The first of its arguments that is set: (either idPrefix name) */
  either: (...args: unknown[]): unknown =>
    valuesOf(args).find((value) => value !== undefined && value !== null && value !== ''),

  /** Whether an option is chosen: it says so itself, or its value is the field's value (or one of them). */
  isChosen: (...args: unknown[]): boolean => {
    const [own, value, chosen] = valuesOf(args)
    if (own === true) return true
    if (own === false || chosen === undefined || chosen === null || chosen === '') return false
    const wanted = Array.isArray(chosen) ? chosen.map(text) : [text(chosen)]
    return wanted.includes(text(value))
  },

  /** A value to put in an input: anything but undefined, null and false (0 is a value). */
  hasValue: (value: unknown): boolean =>
    value !== undefined && value !== null && value !== false && value !== '',
}
