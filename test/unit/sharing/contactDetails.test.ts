import {
  CONTACT_DETAILS_MESSAGE,
  contactDetailsProblem,
  holdsContactDetails,
  withContactDetailsReplaced,
} from '../../../server/services/sharing/contactDetails'

describe('contact details in what a volunteer writes (privacy rule 6)', () => {
  describe('finds phone numbers however they are written', () => {
    it.each([
      ['with dots', 'Ring 07700.900.100 any time'],
      ['without the first 0', 'my mobile is 7700900100'],
      ['with the country code', 'Call +44 7700 900100'],
      ['with 0044', 'Call 0044 7700 900100'],
      ['in full-width digits', 'Phone ０７７００ ９００１００'],
      ['in Arabic-Indic digits', 'Phone ٠٧٧٠٠٩٠٠١٠٠'],
      ['with spaces', '07700 900 456'],
      ['with dashes', '01632-960-001'],
      ['with slashes', '01632/960/001'],
      ['with brackets', '(01632) 960001'],
      ['with square brackets', '[01632] 960 001'],
      ['with the country code in brackets', '+44 (0)1632 960001'],
      ['spaced out digit by digit', '0 7 7 0 0 9 0 0 1 0 0'],
      ['run together', '07700900100'],
      ['two joined by a slash', '01632 960001/07700 900100'],
      ['in the middle of a sentence', 'I am happy to help, text me on 07700 900 100 and I will reply'],
    ])('%s', (_how, text) => {
      expect(holdsContactDetails(text)).toBe(true)
      expect(contactDetailsProblem(text)).toBe(CONTACT_DETAILS_MESSAGE)
    })
  })

  describe('finds email addresses however they are spelled', () => {
    it.each([
      ['as usual', 'pauline.harker@example.com'],
      ['with [at]', 'pauline.harker [at] example.com'],
      ['with (at) and (dot)', 'pauline(at)example(dot)co(dot)uk'],
      ['with {at}', 'pauline {at} example.com'],
      ['with words', 'pauline at example dot com'],
      ['with words in capitals', 'PAULINE AT EXAMPLE DOT COM'],
      ['with spaces around @', 'pauline @ example.com'],
      ['with [dot] in the name', 'pauline[dot]harker[at]example[dot]com'],
      ['in full-width letters', 'ｐａｕｌｉｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ'],
      ['at the end of a sentence', 'Write to me: pauline.harker@example.com.'],
    ])('%s', (_how, text) => {
      expect(holdsContactDetails(text)).toBe(true)
    })
  })

  describe('leaves ordinary words alone', () => {
    it.each([
      'I can meet at the library',
      "Let's meet at 10 o'clock",
      '2 or 3 hours a week',
      'I was born in 1965',
      'I worked there from 1965 to 1972',
      'On 01/02/1965 I started as a nurse',
      'We meet from 10 to 12 on 3 days',
      'Tuesdays 10-12, Thursdays 2-4',
      'I have 30 years of experience at sea',
      'Good at maths, and I dot every i',
      'Bus number 42 at 9.30',
      'I am 78 and live at number 12',
      'I can lend a hand at weekends',
      '£2.50 a session',
      'I came to Margate in 1958, when I was 8',
      '',
    ])('%p', (text) => {
      expect(holdsContactDetails(text)).toBe(false)
      expect(contactDetailsProblem(text)).toBeNull()
    })
  })

  it('takes out only the contact details when shown, keeping the rest of the words', () => {
    expect(
      withContactDetailsReplaced(
        'Ring 07700.900.100 or write to pauline.harker [at] example.com about sewing',
        '(removed)',
      ),
    ).toBe('Ring (removed) or write to (removed) about sewing')
    expect(withContactDetailsReplaced('Happy to help with sewing', '(removed)')).toBe(
      'Happy to help with sewing',
    )
  })
})
