/**
 * Display helpers for the form partials (views/partials/forms/): they work out ids and
 * aria-describedby the way the GOV.UK Frontend macros do. Registered with the others in
 * server/views/helpers.ts.
 */

import Handlebars from 'handlebars'

const { escapeExpression, SafeString } = Handlebars

/** Handlebars passes its options object last; these helpers only want the values before it. */
const valuesOf = (args: unknown[]): unknown[] => args.slice(0, -1)

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : ''

/** One radio or checkbox as a presenter gives it. */
interface ChoiceItem {
  value: unknown
  text: unknown
  hint?: unknown
  checked?: unknown
  id?: unknown
  name?: unknown
  /** a text input's params (forms/textInput), shown under the item when it is chosen */
  conditional?: unknown
}

interface ChoiceItemView {
  id: string
  name: string
  value: unknown
  text: unknown
  hint: unknown
  checked: boolean
  describedBy: string
  conditional: unknown
}

/** aria-describedby for the field `id`: what comes before, "{id}-hint" with a hint, "{id}-error" with an error. */
function describedBy(id: unknown, hint: unknown, error: unknown, before?: unknown): string {
  return [text(before), hint ? `${text(id)}-hint` : '', error ? `${text(id)}-error` : '']
    .filter(Boolean)
    .join(' ')
}

/** Whether an option is chosen: it says so itself, or its value is the field's value (or one of them). */
function isChosen(own: unknown, value: unknown, chosen: unknown): boolean {
  if (own === true) return true
  if (own === false || chosen === undefined || chosen === null || chosen === '') return false
  const wanted = Array.isArray(chosen) ? chosen.map(text) : [text(chosen)]
  return wanted.includes(text(value))
}

export const formHelpers = {
  /**
   * A field's label, as every component writes it (inside an h1 when the question is the
   * page's heading): {{fieldLabel id label labelClasses isPageHeading}}. A helper, not a
   * partial: a page of filters has dozens of fields, and each partial call costs far more.
   */
  fieldLabel: (...args: unknown[]): Handlebars.SafeString => {
    const [id, label, classes, isPageHeading] = valuesOf(args)
    const element = `<label class="govuk-label${classes ? ` ${escapeExpression(text(classes))}` : ''}" for="${escapeExpression(text(id))}">${escapeExpression(text(label))}</label>`
    return new SafeString(isPageHeading ? `<h1 class="govuk-label-wrapper">${element}</h1>` : element)
  },

  /**
   * The hint and the error message of the field or group `id`, as every component writes
   * them: {{fieldHintAndError id hint error}}.
   */
  fieldHintAndError: (...args: unknown[]): Handlebars.SafeString => {
    const [id, hint, error] = valuesOf(args)
    const field = escapeExpression(text(id))
    return new SafeString(
      (hint ? `<div id="${field}-hint" class="govuk-hint">${escapeExpression(text(hint))}</div>\n` : '') +
        (error
          ? `<p id="${field}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${escapeExpression(text(error))}</p>\n`
          : ''),
    )
  },

  /** "a-b": joins its arguments into one string */
  concat: (...args: unknown[]): string => valuesOf(args).map(text).join(''),

  /**
   * aria-describedby for a field with this id: what comes before (a character count's
   * message), "{id}-hint" when there is a hint, "{id}-error" when there is an error. Empty
   * when there is nothing, so the attribute can be left out.
   */
  fieldDescribedBy: (...args: unknown[]): string => {
    const [id, hint, error, before] = valuesOf(args)
    return describedBy(id, hint, error, before)
  },

  /**
   * A fieldset's opening tag and legend (the legend is the page's h1 with isPageHeading):
   * {{fieldsetStart legend legendClasses isPageHeading describedBy role fieldsetClasses}},
   * closed by </fieldset>. forms/fieldset and the radios and checkboxes share it.
   */
  fieldsetStart: (...args: unknown[]): Handlebars.SafeString => {
    const [legend, legendClasses, isPageHeading, described, role, fieldsetClasses] = valuesOf(args)
    const attribute = (name: string, value: unknown) =>
      value ? ` ${name}="${escapeExpression(text(value))}"` : ''
    const classes = (base: string, more: unknown) =>
      `${base}${more ? ` ${escapeExpression(text(more))}` : ''}`
    const words = escapeExpression(text(legend))
    return new SafeString(
      `<fieldset class="${classes('govuk-fieldset', fieldsetClasses)}"${attribute('role', role)}${attribute('aria-describedby', described)}>\n` +
        (legend
          ? `<legend class="${classes('govuk-fieldset__legend', legendClasses)}">` +
            (isPageHeading ? `<h1 class="govuk-fieldset__heading">${words}</h1>` : words) +
            '</legend>\n'
          : ''),
    )
  },

  /** A character count's message id ("{id}-info"), or nothing for a plain textarea */
  characterCountId: (...args: unknown[]): string => {
    const [id, maxlength] = valuesOf(args)
    return maxlength ? `${text(id)}-info` : ''
  },

  /** The first of its arguments that is set: (either idPrefix name) */
  either: (...args: unknown[]): unknown =>
    valuesOf(args).find((value) => value !== undefined && value !== null && value !== ''),

  /**
   * Radios' or checkboxes' items with everything their markup needs worked out once, in one
   * call rather than several per item: each item's id (its own, else "{prefix}" for the first
   * and "{prefix}-2" on), name (its own, else the group's), whether it is checked (it says so,
   * or its value is one of the chosen values) and aria-describedby (the group's ids without a
   * fieldset, and its own hint's).
   */
  choiceItems: (...args: unknown[]): ChoiceItemView[] => {
    const [items, idPrefix, name, chosen, legend, hint, error] = valuesOf(args)
    if (!Array.isArray(items)) return []
    // Without a fieldset to say so, each item points at the group's hint and error itself.
    const groupDescribedBy = legend ? '' : describedBy(idPrefix, hint, error)
    return (items as ChoiceItem[]).map((item, index) => {
      const id =
        typeof item.id === 'string' && item.id !== ''
          ? item.id
          : index === 0
            ? text(idPrefix)
            : `${text(idPrefix)}-${index + 1}`
      return {
        id,
        name: item.name ? text(item.name) : text(name),
        value: item.value,
        text: item.text,
        hint: item.hint,
        checked: isChosen(item.checked, item.value, chosen),
        describedBy: [text(groupDescribedBy), item.hint ? `${id}-item-hint` : ''].filter(Boolean).join(' '),
        conditional: item.conditional,
      }
    })
  },

  /** A select's options, each saying whether it is the chosen one (it says so, or its value is `chosen`). */
  selectOptions: (...args: unknown[]): { value: unknown; text: unknown; selected: boolean }[] => {
    const [items, chosen] = valuesOf(args)
    if (!Array.isArray(items)) return []
    return (items as { value: unknown; text: unknown; selected?: unknown }[]).map((item) => ({
      value: item.value,
      text: item.text,
      selected: isChosen(item.selected, item.value, chosen),
    }))
  },

  /** A value to put in an input: anything but undefined, null and false (0 is a value). */
  hasValue: (value: unknown): boolean =>
    value !== undefined && value !== null && value !== false && value !== '',
}
