import { renderTemplate, tidy } from '../support/renderTemplate'

const render = async (source: string, context: Record<string, unknown> = {}) =>
  tidy(await renderTemplate(source, context))

const DAYS = [
  { value: '', text: 'Any day', selected: false },
  { value: 'monday', text: 'Monday', selected: false },
  { value: 'tuesday', text: 'Tuesday', selected: true },
]

describe('the GOV.UK form partials', () => {
  describe('text input', () => {
    it('labels the box, and points it at its hint', async () => {
      const html = await render(
        '{{> forms/textInput id="q" label="What are you looking for?" labelClasses="govuk-label--s" hint="For example, walking group" value=typed}}',
        { typed: 'walking' },
      )
      expect(html).toBe(
        '<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="q">What are you looking for?</label><div id="q-hint" class="govuk-hint">For example, walking group</div><input class="govuk-input" id="q" name="q" type="text" value="walking" aria-describedby="q-hint"></div>',
      )
    })

    it('on error: the group is marked, the message says "Error:" to screen readers, and the box points at both', async () => {
      const html = await render(
        '{{> forms/textInput id="where" label="Where?" hint="A town or postcode" value=typed error=problem autocomplete="postal-code" inputmode="text"}}',
        { typed: 'Xyzzy', problem: 'We could not find Xyzzy' },
      )
      expect(html).toContain('<div class="govuk-form-group govuk-form-group--error">')
      expect(html).toContain(
        '<p id="where-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> We could not find Xyzzy</p>',
      )
      expect(html).toContain(
        '<input class="govuk-input govuk-input--error" id="where" name="where" type="text" value="Xyzzy" aria-describedby="where-hint where-error" autocomplete="postal-code" inputmode="text">',
      )
    })

    it('has no aria-describedby without a hint or error, and escapes what was typed', async () => {
      const html = await render('{{> forms/textInput id="name" label="Your name" value=typed}}', {
        typed: '"><script>alert(1)</script>',
      })
      expect(html).not.toContain('aria-describedby')
      expect(html).not.toContain('<script>')
      expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
    })

    it('can be the page heading, and keeps what is put inside it after the box', async () => {
      const html = await render(
        '{{#> forms/textInput id="postcode" label="What is your postcode?" isPageHeading=true}}<div data-extra></div>{{/forms/textInput}}',
      )
      expect(html).toContain(
        '<h1 class="govuk-label-wrapper"><label class="govuk-label" for="postcode">What is your postcode?</label></h1>',
      )
      expect(html).toMatch(/<input [^>]*id="postcode"[^>]*><div data-extra><\/div><\/div>$/)
    })
  })

  describe('textarea and character count', () => {
    it('a textarea keeps what was typed and points at its hint and error', async () => {
      const html = await render(
        '{{> forms/textarea id="story" label="Your story" hint="A few lines" value=typed error=problem rows=3}}',
        { typed: 'We met <every> week', problem: 'Your story must be 500 characters or fewer' },
      )
      expect(html).toContain('<div class="govuk-form-group govuk-form-group--error">')
      expect(html).toContain(
        '<textarea class="govuk-textarea govuk-textarea--error" id="story" name="story" rows="3" aria-describedby="story-hint story-error">We met &lt;every&gt; week</textarea>',
      )
      expect(html).toContain(
        '<span class="govuk-visually-hidden">Error:</span> Your story must be 500 characters or fewer',
      )
    })

    it('a character count says how many characters may be typed, and the box points at that too', async () => {
      const html = await render(
        '{{> forms/characterCount id="share" label="What would you like to share?" maxlength=200}}',
      )
      expect(html).toContain(
        '<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="200">',
      )
      expect(html).toContain(
        '<textarea class="govuk-textarea govuk-js-character-count" id="share" name="share" rows="5" aria-describedby="share-info"></textarea>',
      )
      expect(html).toContain(
        '<div id="share-info" class="govuk-hint govuk-character-count__message">You can enter up to 200 characters</div>',
      )
    })
  })

  describe('select', () => {
    it('labels the list and marks the chosen option', async () => {
      const html = await render('{{> forms/select id="day" label="Day of the week" items=days}}', {
        days: DAYS,
      })
      expect(html).toContain('<label class="govuk-label" for="day">Day of the week</label>')
      expect(html).toContain('<select class="govuk-select" id="day" name="day">')
      expect(html).toContain('<option value="tuesday" selected>Tuesday</option>')
      expect(html).toContain('<option value="monday">Monday</option>')
    })

    it('can take the chosen value instead, and shows an error', async () => {
      const items = DAYS.map(({ value, text }) => ({ value, text }))
      const html = await render(
        '{{> forms/select id="day" label="Day" hint="Pick one" items=items value="monday" error="Choose a day from the list"}}',
        { items },
      )
      expect(html).toContain('<option value="monday" selected>Monday</option>')
      expect(html).toContain('<option value="tuesday">Tuesday</option>')
      expect(html).toContain(
        '<select class="govuk-select govuk-select--error" id="day" name="day" aria-describedby="day-hint day-error">',
      )
    })
  })

  describe('radios', () => {
    const items = [
      { value: 'phone', text: 'By phone', hint: 'We will call in the day' },
      { value: 'email', text: 'By email' },
    ]

    it('groups them in a fieldset with a legend; the first radio has the group id, the rest are numbered', async () => {
      const html = await render(
        '{{> forms/radios name="contact" legend="How should we contact you?" hint="Choose one" items=items value="email"}}',
        { items },
      )
      expect(html).toContain('<fieldset class="govuk-fieldset" aria-describedby="contact-hint">')
      expect(html).toContain('<legend class="govuk-fieldset__legend">How should we contact you?</legend>')
      expect(html).toContain(
        '<input class="govuk-radios__input" id="contact" name="contact" type="radio" value="phone" aria-describedby="contact-item-hint">',
      )
      expect(html).toContain(
        '<div id="contact-item-hint" class="govuk-hint govuk-radios__hint">We will call in the day</div>',
      )
      expect(html).toContain(
        '<input class="govuk-radios__input" id="contact-2" name="contact" type="radio" value="email" checked>',
      )
      expect(html).toContain(
        '<label class="govuk-label govuk-radios__label" for="contact-2">By email</label>',
      )
    })

    it('on error: the group is marked and the fieldset points at the hint and the error', async () => {
      const html = await render(
        '{{> forms/radios name="contact" legend="How?" isPageHeading=true hint="Choose one" items=items error="Select how we should contact you"}}',
        { items },
      )
      expect(html).toContain('<div class="govuk-form-group govuk-form-group--error">')
      expect(html).toContain(
        '<fieldset class="govuk-fieldset" aria-describedby="contact-hint contact-error">',
      )
      expect(html).toContain('<h1 class="govuk-fieldset__heading">How?</h1>')
      expect(html).toContain(
        '<p id="contact-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Select how we should contact you</p>',
      )
    })
  })

  describe('checkboxes', () => {
    it('ticks the chosen ones, by the items or by the values given', async () => {
      const items = [
        { value: 'step-free', text: 'Step-free access', checked: true },
        { value: 'parking', text: 'Parking' },
        { value: 'hearing-loop', text: 'Hearing loop' },
      ]
      const html = await render(
        '{{> forms/checkboxes name="access" legend="Getting in and about" hint="All of these" classes="govuk-checkboxes--small" items=items values=values error=problem}}',
        { items, values: ['hearing-loop'], problem: 'Choose access needs from the list' },
      )
      expect(html).toContain('<fieldset class="govuk-fieldset" aria-describedby="access-hint access-error">')
      expect(html).toContain(
        '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">',
      )
      expect(html).toContain('id="access" name="access" type="checkbox" value="step-free" checked>')
      expect(html).toContain('id="access-2" name="access" type="checkbox" value="parking">')
      expect(html).toContain('id="access-3" name="access" type="checkbox" value="hearing-loop" checked>')
    })

    it('lets each box have its own name, and without a legend points each box at the hint and error', async () => {
      const items = [
        { id: 'free', name: 'free', value: 'yes', text: 'Free only' },
        { id: 'home', name: 'home', value: 'yes', text: 'Comes to your home' },
      ]
      const html = await render(
        '{{> forms/checkboxes idPrefix="free" hint="Tick any" items=items error="Tick or do not tick"}}',
        { items },
      )
      expect(html).not.toContain('<fieldset')
      expect(html).toContain(
        'id="free" name="free" type="checkbox" value="yes" aria-describedby="free-hint free-error">',
      )
      expect(html).toContain(
        'id="home" name="home" type="checkbox" value="yes" aria-describedby="free-hint free-error">',
      )
    })
  })

  describe('date input', () => {
    it('is three labelled boxes in a group, keeping what was typed', async () => {
      const html = await render(
        '{{> forms/dateInput id="when" legend="When is it?" hint="For example, 27 3 2027" value=typed error=problem}}',
        { typed: { day: '27', month: '3', year: '' }, problem: 'The date must include a year' },
      )
      expect(html).toContain(
        '<fieldset class="govuk-fieldset" role="group" aria-describedby="when-hint when-error">',
      )
      expect(html).toContain('<div class="govuk-date-input" id="when">')
      expect(html).toContain('<label class="govuk-label govuk-date-input__label" for="when-day">Day</label>')
      expect(html).toContain(
        '<input class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" id="when-day" name="when-day" type="text" value="27" inputmode="numeric">',
      )
      expect(html).toContain(
        '<input class="govuk-input govuk-date-input__input govuk-input--width-4 govuk-input--error" id="when-year" name="when-year" type="text" inputmode="numeric">',
      )
      expect(html).toContain('<span class="govuk-visually-hidden">Error:</span> The date must include a year')
    })
  })

  describe('fieldset', () => {
    it('wraps what it groups under its legend', async () => {
      const html = await render(
        '{{#> forms/fieldset legend="Your address" legendClasses="govuk-fieldset__legend--m"}}<p>inside</p>{{/forms/fieldset}}',
      )
      expect(html).toBe(
        '<fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Your address</legend><p>inside</p></fieldset>',
      )
    })
  })

  describe('button', () => {
    it('sends the form, or is a link that looks like a button', async () => {
      expect(await render('{{> forms/button text="Search" classes="govuk-!-margin-bottom-0"}}')).toBe(
        '<button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Search</button>',
      )
      expect(await render('{{> forms/button text="Start now" href="/start"}}')).toBe(
        '<a href="/start" role="button" draggable="false" class="govuk-button" data-module="govuk-button">Start now</a>',
      )
      expect(
        await render('{{> forms/button text="Save" name="action" value="save" preventDoubleClick=true}}'),
      ).toBe(
        '<button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">Save</button>',
      )
    })

    it('sees only its own params when given null first, whatever the page calls its own things', async () => {
      const html = await render('{{> forms/button null text="Continue"}}', {
        name: 'Newport',
        href: '/elsewhere',
      })
      expect(html).toBe(
        '<button type="submit" class="govuk-button" data-module="govuk-button">Continue</button>',
      )
    })
  })

  describe('error summary', () => {
    it('links each problem to its field under "There is a problem", and is not there when all is well', async () => {
      const items = [
        { text: 'Enter your name', href: '#name' },
        { text: 'Choose a day of the week from the list', href: '#day' },
      ]
      const html = await render('{{> forms/errorSummary items=items}}', { items })
      expect(html).toContain(
        '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">',
      )
      expect(html).toContain('<h2 class="govuk-error-summary__title">There is a problem</h2>')
      expect(html).toContain(
        '<li><a href="#name">Enter your name</a></li><li><a href="#day">Choose a day of the week from the list</a></li>',
      )
      expect(await render('{{> forms/errorSummary items=items}}', { items: [] })).toBe('')
      // As the layout calls it, with the page's own summary.
      expect(
        await render('{{> forms/errorSummary null items=errorSummary}}', { errorSummary: items }),
      ).toContain('<a href="#day">')
    })
  })
})
