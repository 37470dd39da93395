import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { create } from 'express-handlebars'
import { projectPath } from '../../server/paths'
import { helpers } from '../../server/views/helpers'
import type { PlaceOption } from '../../server/services/locationService'

const options: PlaceOption[] = [
  {
    id: 1,
    name: 'Newport',
    hint: 'in Wales, near Cardiff',
    where: 'Newport (in Wales, near Cardiff)',
    latitude: 51.6,
    longitude: -3,
  },
  {
    id: 2,
    name: 'Newport',
    hint: 'in England, near Portsmouth',
    where: 'Newport (in England, near Portsmouth)',
    latitude: 50.7,
    longitude: -1.3,
  },
]

async function renderWhichPlace(context: Record<string, unknown>): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-which-'))
  const page = path.join(folder, 'page.hbs')
  fs.writeFileSync(
    page,
    '{{> location/whichPlace choice=choice action="/search" hiddenFields=hiddenFields error=error changeHref=changeHref}}',
  )
  const handlebars = create({ extname: '.hbs', partialsDir: projectPath('views', 'partials'), helpers })
  try {
    return await handlebars.render(page, context)
  } finally {
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

describe('the "Which Newport do you mean?" question', () => {
  it('asks in one h1 and lists each place as a radio whose value finds it, with its hint', async () => {
    const html = await renderWhichPlace({
      choice: { kind: 'choose', input: 'newport', name: 'Newport', options },
      hiddenFields: [{ name: 'q', value: 'walking' }],
    })
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('Which Newport do you mean?')
    expect(html).toContain('<form method="get" action="/search" novalidate>')
    expect(html).toContain('<input type="hidden" name="q" value="walking">')
    expect(html).toContain('id="where" name="where" type="radio" value="Newport (in Wales, near Cardiff)"')
    expect(html).toContain(
      'id="where-1" name="where" type="radio" value="Newport (in England, near Portsmouth)"',
    )
    expect(html).toContain('<label class="govuk-label govuk-radios__label" for="where-1">Newport</label>')
    expect(html).toContain(
      '<div id="where-1-item-hint" class="govuk-hint govuk-radios__hint">in England, near Portsmouth</div>',
    )
    expect(html).not.toContain('govuk-error-message')
  })

  it('shows an error by the radios, and escapes whatever it is given', async () => {
    const html = await renderWhichPlace({
      choice: { kind: 'choose', input: 'x', name: '<b>Newport</b>', options },
      hiddenFields: [{ name: 'q', value: '"><script>' }],
      error: 'Select which Newport you mean',
      changeHref: '/search?q=walking',
    })
    expect(html).toContain('govuk-form-group--error')
    expect(html).toContain('aria-describedby="where-choice-hint where-error"')
    expect(html).toContain('<span class="govuk-visually-hidden">Error:</span> Select which Newport you mean')
    expect(html).toContain('Which &lt;b&gt;Newport&lt;/b&gt; do you mean?')
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"')
    expect(html).toContain('href="/search?q&#x3D;walking"')
  })
})
