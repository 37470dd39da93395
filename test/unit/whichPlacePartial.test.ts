import { renderTemplate } from '../support/renderTemplate'

/** Two places called Newport, as server/presenters/searchWhichPlace.ts lists them. */
const items = [
  { value: 'Newport (in Wales, near Cardiff)', text: 'Newport', hint: 'in Wales, near Cardiff' },
  { value: 'Newport (in England, near Portsmouth)', text: 'Newport', hint: 'in England, near Portsmouth' },
]

const renderWhichPlace = (context: Record<string, unknown>): Promise<string> =>
  renderTemplate(
    '{{> location/whichPlace name=name items=items action="/search" hiddenFields=hiddenFields error=error changeHref=changeHref}}',
    context,
  )

describe('the "Which Newport do you mean?" question', () => {
  it('asks in one h1 and lists each place as a radio whose value finds it, with its hint', async () => {
    const html = await renderWhichPlace({
      name: 'Newport',
      items,
      hiddenFields: [{ name: 'q', value: 'walking' }],
    })
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('<h1 class="govuk-fieldset__heading">Which Newport do you mean?</h1>')
    expect(html).toContain('<form method="get" action="/search" novalidate>')
    expect(html).toContain('<input type="hidden" name="q" value="walking">')
    expect(html).toContain('id="where" name="where" type="radio" value="Newport (in Wales, near Cardiff)"')
    expect(html).toContain(
      'id="where-2" name="where" type="radio" value="Newport (in England, near Portsmouth)" aria-describedby="where-2-item-hint"',
    )
    expect(html).toContain('<label class="govuk-label govuk-radios__label" for="where-2">Newport</label>')
    expect(html).toContain(
      '<div id="where-2-item-hint" class="govuk-hint govuk-radios__hint">in England, near Portsmouth</div>',
    )
    expect(html).toContain('aria-describedby="where-hint"')
    expect(html).toContain(
      '<button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>',
    )
    expect(html).not.toContain('govuk-error-message')
  })

  it('shows an error by the radios, and escapes whatever it is given', async () => {
    const html = await renderWhichPlace({
      name: '<b>Newport</b>',
      items,
      hiddenFields: [{ name: 'q', value: '"><script>' }],
      error: 'Select which Newport you mean',
      changeHref: '/search?q=walking',
    })
    expect(html).toContain('govuk-form-group--error')
    expect(html).toContain('aria-describedby="where-hint where-error"')
    expect(html).toContain('<span class="govuk-visually-hidden">Error:</span> Select which Newport you mean')
    expect(html).toContain('Which &lt;b&gt;Newport&lt;/b&gt; do you mean?')
    expect(html).not.toContain('<b>Newport')
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"')
    expect(html).toContain('href="/search?q&#x3D;walking"')
  })
})
