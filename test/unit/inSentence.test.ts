import { inSentence, listInSentence } from '../../server/presenters/inSentence'

describe('names from our lists, said inside a sentence', () => {
  it('reads "help with a listening ear", not "help with A listening ear"', () => {
    expect(`help with ${inSentence('A listening ear')}`).toBe('help with a listening ear')
    expect(inSentence('Tablets and phones')).toBe('tablets and phones')
    expect(inSentence("Men's sheds")).toBe("men's sheds")
  })

  it('keeps the capital of acronyms, proper nouns and names with a capital inside', () => {
    expect(inSentence('NHS forms')).toBe('NHS forms')
    expect(inSentence('GP visits')).toBe('GP visits')
    expect(inSentence('English conversation')).toBe('English conversation')
    expect(inSentence('Zoom calls')).toBe('Zoom calls')
    expect(inSentence('WhatsApp and email')).toBe('WhatsApp and email')
    expect(inSentence('iPad help')).toBe('iPad help')
  })

  it('joins several with commas and a last "and"', () => {
    expect(listInSentence(['Gardening'])).toBe('gardening')
    expect(listInSentence(['Gardening', 'NHS forms', 'A listening ear'])).toBe(
      'gardening, NHS forms and a listening ear',
    )
    expect(listInSentence([])).toBe('')
  })
})
