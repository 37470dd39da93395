import { z } from 'zod'
import { formErrors, hasFormErrors, NO_FORM_ERRORS, problemsOf } from '../../server/forms'

/** The search box and one filter, in the order they stand on the page. */
const SEARCH_FIELDS = { q: 'q', where: 'where', lat: 'where', lng: 'where', day: 'day' }

describe('the form layer: what the person is told when a form has problems', () => {
  it('links each problem to its field, in the order the fields stand on the page', () => {
    const shown = formErrors(
      [
        { field: 'day', message: 'Choose a day of the week from the list' },
        { field: 'q', message: 'What you are looking for must be 200 characters or fewer' },
      ],
      SEARCH_FIELDS,
    )
    expect(shown.errorSummary).toEqual([
      { text: 'What you are looking for must be 200 characters or fewer', href: '#q' },
      { text: 'Choose a day of the week from the list', href: '#day' },
    ])
    expect(shown.errors).toEqual({
      q: 'What you are looking for must be 200 characters or fewer',
      day: 'Choose a day of the week from the list',
    })
    expect(hasFormErrors(shown)).toBe(true)
  })

  it('sends a field to another id, and keeps only the first message for each', () => {
    const shown = formErrors(
      [
        { field: 'lng', message: 'Your location could not be used' },
        { field: 'lat', message: 'A second message about the same box' },
        { field: 'where', message: 'A third' },
      ],
      SEARCH_FIELDS,
    )
    expect(shown.errorSummary).toEqual([{ text: 'Your location could not be used', href: '#where' }])
    expect(shown.errors).toEqual({ where: 'Your location could not be used' })
  })

  it('reads a zod error the same way, for a form sent with POST', () => {
    const schema = z
      .object({
        name: z.string().min(1, 'Enter your name'),
        dob: z.object({ day: z.string().regex(/^\d+$/, 'The date must be a real date') }),
      })
      .strict()
    const result = schema.safeParse({ name: '', dob: { day: 'x' } })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(problemsOf(result.error)).toEqual([
      { field: 'name', message: 'Enter your name' },
      { field: 'dob.day', message: 'The date must be a real date' },
    ])
    const shown = formErrors(result.error, { dob: 'dob-day', name: 'name' })
    expect(shown.errorSummary).toEqual([
      { text: 'The date must be a real date', href: '#dob-day' },
      { text: 'Enter your name', href: '#name' },
    ])
  })

  it('links a field it was not told about to its own name, after the known ones', () => {
    const shown = formErrors(
      [
        { field: 'contact.email', message: 'Enter an email address' },
        { field: 'q', message: 'Too long' },
      ],
      SEARCH_FIELDS,
    )
    expect(shown.errorSummary.map((item) => item.href)).toEqual(['#q', '#contact-email'])
  })

  it('links a problem with the whole form (an unknown field sent) to the first field', () => {
    const result = z.object({ q: z.string() }).strict().safeParse({ q: 'walk', sneaky: 'yes' })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(formErrors(result.error, SEARCH_FIELDS).errorSummary[0]?.href).toBe('#q')
  })

  it('has nothing to say when all is well', () => {
    const shown = formErrors([], SEARCH_FIELDS)
    expect(shown).toEqual({ errorSummary: [], errors: {} })
    expect(hasFormErrors(shown)).toBe(false)
    expect(hasFormErrors(NO_FORM_ERRORS)).toBe(false)
  })
})
