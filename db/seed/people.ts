import type { PersonSeed, PreferredContact, Visibility } from './types'

/**
 * Made-up people who share their skills. Privacy rule 1: each has a hub and a postcode
 * district only, never an address. Their email addresses (at example.com) and phone numbers
 * (Ofcom's 07700 900xxx drama range) are made by the writer from their names and places.
 *
 * The mix is chosen so the privacy rules show with PRIVACY_MIN_COUNT=5:
 * - thanet + tablets-and-phones: 6 people who are not public, so the count is shown;
 * - sheffield + listening: 5 not public, shown; birmingham + cooking: 5 not public, shown;
 * - sheffield + gardening: 2 not public, and birmingham + languages: 3, so those are withheld.
 */
const person = (
  hub: string,
  firstName: string,
  lastName: string,
  postcodeDistrict: string,
  visibility: Visibility,
  skills: string[],
  words: {
    own: string
    share: string
    when: string
    contact?: PreferredContact
    noEmail?: boolean
    ways?: PersonSeed['contactWays']
    often?: PersonSeed['howOften']
  },
): PersonSeed => ({
  firstName,
  lastName,
  hub,
  postcodeDistrict,
  visibility,
  skills,
  skillsInOwnWords: words.own,
  wouldLikeToShare: words.share,
  availability: words.when,
  preferredContact: words.contact ?? (words.noEmail ? 'phone' : 'email'),
  hasEmail: !words.noEmail,
  contactWays: words.ways ?? waysFor(words.contact ?? (words.noEmail ? 'phone' : 'email')),
  ...(words.often ? { howOften: words.often } : {}),
})

/** How a person who gave a preferred way likes to be contacted: always through the hub, and that way. */
function waysFor(preferred: PreferredContact): PersonSeed['contactWays'] {
  if (preferred === 'phone' || preferred === 'text') return ['through-hub', 'phone']
  if (preferred === 'email') return ['through-hub', 'email']
  return ['through-hub']
}

export const PEOPLE: PersonSeed[] = [
  // Thanet: six people who are not public can help with tablets and phones.
  person('thanet', 'Pauline', 'Harker', 'CT9', 'hub', ['tablets-and-phones', 'listening'], {
    own: 'I taught computer classes at the adult education centre for twenty years.',
    share: 'Showing people how to video call their grandchildren.',
    when: 'Tuesday and Thursday mornings',
    ways: ['through-hub', 'phone', 'email'],
    often: 'few-hours-week',
  }),
  person('thanet', 'Derek', 'Ashdown', 'CT10', 'coordinators', ['tablets-and-phones', 'diy-repairs'], {
    own: 'Retired electrician. I can set up most gadgets.',
    share: 'Setting up new phones and tablets, and putting up shelves.',
    when: 'Most weekdays',
    contact: 'phone',
    often: 'most-weeks',
  }),
  person('thanet', 'Sheila', 'Marsh', 'CT11', 'coordinators', ['tablets-and-phones', 'letter-writing'], {
    own: 'I worked in an office for forty years and still love a good letter.',
    share: 'Email, online shopping, and writing letters for people.',
    when: 'Afternoons',
    ways: ['through-hub', 'email'],
    often: 'few-hours-month',
  }),
  person('thanet', 'Graham', 'Pettit', 'CT9', 'hub', ['tablets-and-phones', 'driving'], {
    own: 'I was a driving instructor, so I am patient.',
    share: 'Helping with tablets, and the odd lift to the hospital.',
    when: 'Mondays and Wednesdays',
    contact: 'text',
  }),
  person('thanet', 'Yvonne', 'Okafor', 'CT11', 'coordinators', ['tablets-and-phones', 'form-filling'], {
    own: 'I used to work at the council helping people with their forms.',
    share: 'Online forms, and booking appointments on the internet.',
    when: 'Weekday mornings',
    ways: ['through-hub'],
    often: 'now-and-then',
  }),
  person('thanet', 'Colin', 'Reade', 'CT12', 'hub', ['tablets-and-phones', 'local-history'], {
    own: 'I scan old photos of Ramsgate and put them online.',
    share: 'Showing people how to look at old photos and maps on a tablet.',
    when: 'Thursdays',
    noEmail: true,
  }),
  person('thanet', 'Brenda', 'Sayer', 'CT10', 'public', ['tablets-and-phones', 'baking'], {
    own: 'I run our family group chat and bake for the church.',
    share: 'Getting started with WhatsApp, and a Victoria sponge for your group.',
    when: 'Weekends',
  }),
  person('thanet', 'Tony', 'Quested', 'CT9', 'public', ['tablets-and-phones', 'music'], {
    own: 'I play guitar and record songs on my tablet.',
    share: 'Music apps, and a sing-along at your lunch club.',
    when: 'Friday afternoons',
  }),
  person('thanet', 'Margaret', 'Lilley', 'CT9', 'public', ['knitting-and-sewing', 'baking'], {
    own: 'Knitting since I was six.',
    share: 'Teaching knitting to beginners, and baking for the coffee morning.',
    when: 'Wednesday afternoons',
    contact: 'through-hub',
  }),
  person('thanet', 'Ray', 'Culmer', 'CT11', 'public', ['local-history', 'walking-companion'], {
    own: 'Born in Ramsgate, worked on the harbour all my life.',
    share: 'Harbour stories, and company on a walk.',
    when: 'Mornings',
    contact: 'phone',
    noEmail: true,
  }),
  person('thanet', 'Jean', 'Holness', 'CT10', 'coordinators', ['listening', 'reading-aloud'], {
    own: 'I was a Samaritan for many years.',
    share: 'A friendly ear, and reading the paper to someone whose eyes are tired.',
    when: 'Afternoons',
  }),
  person('thanet', 'Kwame', 'Mensah', 'CT11', 'hub', ['cooking', 'languages'], {
    own: 'Retired chef. I speak Twi and French as well as English.',
    share: 'Cooking with the lunch club, and French conversation.',
    when: 'Tuesdays',
  }),
  person('thanet', 'Linda', 'Gurney', 'CT9', 'coordinators', ['gardening'], {
    own: 'My allotment is my pride and joy.',
    share: 'Helping to keep a garden tidy for someone who cannot manage it.',
    when: 'Spring and summer mornings',
    contact: 'phone',
  }),
  person('thanet', 'Frank', 'Setterfield', 'CT12', 'public', ['gardening', 'diy-repairs'], {
    own: 'Jack of all trades, mostly gardens and sheds.',
    share: 'Fixing fences and gates, and growing tomatoes.',
    when: 'Most days',
  }),
  person('thanet', 'Ann', 'Pemble', 'CT10', 'hub', ['form-filling', 'listening'], {
    own: 'I worked at the benefits office.',
    share: 'Help with Attendance Allowance and blue badge forms.',
    when: 'Monday and Friday mornings',
  }),
  person('thanet', 'Patricia', 'Brockman', 'CT9', 'coordinators', ['walking-companion', 'pet-care'], {
    own: 'I walk my dog twice a day along the front.',
    share: 'Company on a walk, or walking your dog if you are poorly.',
    when: 'Mornings and early evenings',
    contact: 'text',
  }),

  // Sheffield: five people who are not public offer a listening ear; two offer gardening.
  person('sheffield', 'Eileen', 'Hardcastle', 'S8', 'coordinators', ['listening', 'baking'], {
    own: 'I have time on my hands and I like people.',
    share: 'A chat and a cake.',
    when: 'Most afternoons',
  }),
  person('sheffield', 'Trevor', 'Bramall', 'S6', 'hub', ['listening', 'diy-repairs'], {
    own: 'Former steelworker, handy with tools.',
    share: 'Small jobs round the house, and a natter while I do them.',
    when: 'Weekday mornings',
    contact: 'phone',
  }),
  person('sheffield', 'Joyce', 'Staniforth', 'S7', 'coordinators', ['listening', 'letter-writing'], {
    own: 'I write to three pen pals and love getting post.',
    share: 'Being a pen pal, or a friendly voice on the phone.',
    when: 'Any time',
    contact: 'post',
  }),
  person('sheffield', 'Malcolm', 'Greaves', 'S11', 'hub', ['listening', 'walking-companion', 'gardening'], {
    own: 'Retired teacher and keen walker.',
    share: 'Walks in the park, help in the garden, and a listening ear.',
    when: 'Weekdays',
  }),
  person('sheffield', 'Dorothy', 'Ibbotson', 'S2', 'coordinators', ['listening', 'knitting-and-sewing'], {
    own: 'I was a nurse, and I knit while I talk.',
    share: 'Company, and teaching knitting.',
    when: 'Tuesday and Thursday afternoons',
    noEmail: true,
  }),
  person('sheffield', 'Tariq', 'Mahmood', 'S10', 'coordinators', ['gardening', 'languages'], {
    own: 'I grow vegetables on two allotments and speak Urdu and Punjabi.',
    share: 'Gardening tips, and help for people who speak Urdu or Punjabi.',
    when: 'Weekends',
  }),
  person('sheffield', 'Barbara', 'Froggatt', 'S10', 'public', ['gardening', 'cooking'], {
    own: 'I cook from what I grow.',
    share: 'Simple recipes with seasonal vegetables.',
    when: 'Wednesdays',
  }),
  person('sheffield', 'Keith', 'Wragg', 'S6', 'public', ['diy-repairs', 'local-history'], {
    own: 'Hillsborough born and bred; I can fix most things.',
    share: 'Mending chairs and telling stories about old Sheffield.',
    when: 'Mondays and Thursdays at the shed',
    contact: 'through-hub',
  }),
  person('sheffield', 'Christine', 'Bagshaw', 'S11', 'public', ['tablets-and-phones', 'form-filling'], {
    own: 'I worked in a bank and now help friends get online.',
    share: 'Online banking and forms, step by step.',
    when: 'Weekday mornings',
  }),
  person('sheffield', 'Wendy', 'Marples', 'S7', 'hub', ['music', 'reading-aloud'], {
    own: 'I play the piano and used to do talking books.',
    share: 'Playing for sing-alongs, and reading aloud.',
    when: 'Afternoons',
  }),
  person('sheffield', 'Stan', 'Hinchcliffe', 'S2', 'public', ['walking-companion', 'local-history'], {
    own: 'I have walked every park in Sheffield.',
    share: 'Company on a walk, with stories on the way.',
    when: 'Mornings',
    noEmail: true,
  }),
  person('sheffield', 'Gillian', 'Rodgers', 'S8', 'coordinators', ['form-filling'], {
    own: 'Retired solicitor’s clerk.',
    share: 'Help reading and filling in forms.',
    when: 'Tuesdays',
  }),
  person('sheffield', 'Peter', 'Oxley', 'S1', 'hub', ['driving', 'tablets-and-phones'], {
    own: 'I have a car and a lot of patience.',
    share: 'Lifts to groups, and help with smartphones.',
    when: 'Weekdays',
    contact: 'text',
  }),
  person('sheffield', 'Val', 'Crookes', 'S8', 'public', ['baking', 'knitting-and-sewing'], {
    own: 'Baker, knitter, grandmother of seven.',
    share: 'Baking lessons and knitting for beginners.',
    when: 'Thursday afternoons',
  }),

  // Middlesbrough
  person('middlesbrough', 'Irene', 'Brunskill', 'TS5', 'public', ['knitting-and-sewing', 'baking'], {
    own: 'I make all my grandchildren’s jumpers.',
    share: 'Knitting and sewing, and scones for the lunch club.',
    when: 'Wednesdays',
  }),
  person('middlesbrough', 'Les', 'Gaffney', 'TS3', 'hub', ['diy-repairs', 'driving'], {
    own: 'Retired joiner with a van.',
    share: 'Small repairs and moving furniture.',
    when: 'Most days',
    contact: 'phone',
  }),
  person('middlesbrough', 'Carol', 'Metcalfe', 'TS4', 'coordinators', ['form-filling', 'listening'], {
    own: 'I helped my mum with all her forms and learned a lot.',
    share: 'Help with benefits forms, and a chat.',
    when: 'Mornings',
  }),
  person('middlesbrough', 'Raymond', 'Tweddle', 'TS5', 'public', ['local-history', 'walking-companion'], {
    own: 'I worked at the ironworks and remember the old town.',
    share: 'History walks and stories.',
    when: 'Weekends',
  }),
  person('middlesbrough', 'Sandra', 'Agar', 'TS1', 'coordinators', ['cooking', 'listening'], {
    own: 'Thirty years as a school cook.',
    share: 'Cooking on a budget, and a listening ear.',
    when: 'Afternoons',
    noEmail: true,
  }),
  person('middlesbrough', 'George', 'Pybus', 'TS3', 'hub', ['gardening'], {
    own: 'Allotment holder for forty years.',
    share: 'Gardening advice and spare seedlings.',
    when: 'Mornings',
  }),
  person('middlesbrough', 'Doreen', 'Thwaites', 'TS4', 'public', ['music', 'letter-writing'], {
    own: 'I sang in working men’s clubs for years.',
    share: 'Leading a sing-along, and writing cards.',
    when: 'Fridays',
  }),
  person('middlesbrough', 'Anwar', 'Hussain', 'TS1', 'hub', ['languages', 'driving', 'tablets-and-phones'], {
    own: 'Retired taxi driver. I speak Urdu, Punjabi and some Arabic.',
    share: 'Lifts, translation, and help with phones.',
    when: 'Weekdays',
    contact: 'phone',
  }),
  person('middlesbrough', 'Kathleen', 'Trotter', 'TS5', 'coordinators', ['reading-aloud', 'listening'], {
    own: 'Former librarian.',
    share: 'Reading aloud and a chat.',
    when: 'Tuesday and Thursday afternoons',
  }),
  person('middlesbrough', 'Brian', 'Lamb', 'TS4', 'public', ['tablets-and-phones', 'diy-repairs'], {
    own: 'I fix computers for friends and family.',
    share: 'Sorting out slow computers and setting up tablets.',
    when: 'Evenings and weekends',
  }),
  person('middlesbrough', 'Marjorie', 'Blenkin', 'TS3', 'coordinators', ['baking', 'cooking'], {
    own: 'I bake for every church event going.',
    share: 'Baking with groups and teaching simple recipes.',
    when: 'Mondays',
    contact: 'post',
  }),
  person('middlesbrough', 'Alan', 'Cuthbert', 'TS5', 'hub', ['art-and-drawing', 'walking-companion'], {
    own: 'I sketch in the park most days.',
    share: 'Sketching walks for beginners.',
    when: 'Mornings',
  }),

  // Birmingham: five people who are not public cook; three speak other languages.
  person('birmingham', 'Gurdeep', 'Sandhu', 'B21', 'hub', ['cooking', 'languages'], {
    own: 'I have cooked for the gurdwara langar for thirty years. I speak Punjabi.',
    share: 'Cooking for groups, and Punjabi conversation.',
    when: 'Weekday mornings',
    contact: 'phone',
  }),
  person(
    'birmingham',
    'Shabana',
    'Akhtar',
    'B11',
    'coordinators',
    ['cooking', 'knitting-and-sewing', 'languages'],
    {
      own: 'I cook, sew and speak Urdu and Punjabi.',
      share: 'Cooking and sewing with other women.',
      when: 'Tuesdays and Fridays',
      noEmail: true,
    },
  ),
  person('birmingham', 'Winston', 'Clarke', 'B12', 'public', ['music', 'local-history'], {
    own: 'I played in a steel band and remember Balsall Heath in the sixties.',
    share: 'Music sessions and stories of the old days.',
    when: 'Afternoons',
  }),
  person('birmingham', 'Parveen', 'Kauser', 'B10', 'coordinators', ['cooking', 'form-filling'], {
    own: 'I help my neighbours with letters and cook for the family.',
    share: 'Help with forms, and cooking classes.',
    when: 'Mornings',
  }),
  person('birmingham', 'Delroy', 'Campbell', 'B18', 'hub', ['cooking', 'driving'], {
    own: 'Caribbean cooking is my thing. I also drive.',
    share: 'Cooking for the lunch club and lifts to appointments.',
    when: 'Weekdays',
    contact: 'text',
  }),
  person('birmingham', 'Mary', 'Keane', 'B13', 'coordinators', ['cooking', 'baking'], {
    own: 'Irish soda bread and stews, my mother’s recipes.',
    share: 'Baking and cooking with groups.',
    when: 'Wednesdays',
  }),
  person('birmingham', 'Hyacinth', 'Barrett', 'B12', 'public', ['baking', 'listening'], {
    own: 'I bake for everyone and I am a good listener.',
    share: 'Cake and a chat.',
    when: 'Afternoons',
  }),
  person('birmingham', 'Harjit', 'Bains', 'B21', 'public', ['gardening', 'walking-companion'], {
    own: 'I grow vegetables in a small back garden and walk every day.',
    share: 'Growing tips and company on a walk.',
    when: 'Mornings',
  }),
  person('birmingham', 'Nasir', 'Iqbal', 'B11', 'hub', ['tablets-and-phones', 'languages'], {
    own: 'I fix phones and speak Urdu, Punjabi and Pashto.',
    share: 'Helping people with phones in their own language.',
    when: 'Saturdays',
  }),
  person('birmingham', 'Eileen', 'Doherty', 'B13', 'public', ['reading-aloud', 'letter-writing'], {
    own: 'Retired teacher who loves books.',
    share: 'Reading aloud and writing letters for people.',
    when: 'Tuesday afternoons',
  }),
  person('birmingham', 'Grace', 'Adeyemi', 'B16', 'coordinators', ['listening', 'pet-care'], {
    own: 'I was a care worker and I have two cats.',
    share: 'Company, and feeding your cat when you are away.',
    when: 'Evenings',
  }),
  person('birmingham', 'Roy', 'Whitehouse', 'B17', 'public', ['diy-repairs', 'local-history'], {
    own: 'Fifty years at the car works.',
    share: 'Odd jobs and Birmingham stories.',
    when: 'Weekdays',
    contact: 'through-hub',
  }),
  person('birmingham', 'Joan', 'Brennan', 'B15', 'hub', ['form-filling', 'tablets-and-phones'], {
    own: 'Retired civil servant, good with paperwork and my iPad.',
    share: 'Online forms and getting started with an iPad.',
    when: 'Mornings',
  }),
  person('birmingham', 'Kulwant', 'Dhillon', 'B18', 'coordinators', ['gardening'], {
    own: 'I keep the gurdwara garden.',
    share: 'Help with gardens and growing.',
    when: 'Weekends',
    contact: 'phone',
  }),

  // Crewe and Nantwich
  person('south-cheshire', 'Hilda', 'Ravenscroft', 'CW5', 'public', ['knitting-and-sewing', 'baking'], {
    own: 'I run the Nantwich knitting group.',
    share: 'Knitting and crochet lessons.',
    when: 'Thursday afternoons',
  }),
  person('south-cheshire', 'Bernard', 'Huxley', 'CW1', 'hub', ['local-history', 'driving'], {
    own: 'Forty years on the railways.',
    share: 'Railway history, and lifts to groups.',
    when: 'Weekdays',
  }),
  person('south-cheshire', 'Sylvia', 'Maddock', 'CW2', 'coordinators', ['listening', 'letter-writing'], {
    own: 'I like to write and I like to listen.',
    share: 'Being a pen pal or a phone friend.',
    when: 'Afternoons',
    contact: 'post',
  }),
  person('south-cheshire', 'Geoff', 'Latham', 'CW5', 'public', ['gardening', 'diy-repairs'], {
    own: 'Retired landscape gardener.',
    share: 'Garden help and small repairs.',
    when: 'Mornings',
  }),
  person('south-cheshire', 'Pam', 'Boughey', 'CW1', 'coordinators', ['driving', 'walking-companion'], {
    own: 'I drive for Community Wheels.',
    share: 'Lifts, and company on a walk.',
    when: 'Mondays and Fridays',
    contact: 'phone',
  }),
  person('south-cheshire', 'Roger', 'Steele', 'CW2', 'hub', ['diy-repairs'], {
    own: 'Engineer at the works for thirty years.',
    share: 'Fixing things that are broken.',
    when: 'Tuesdays and Fridays at the shed',
    noEmail: true,
  }),
  person('south-cheshire', 'Lorraine', 'Bebbington', 'CW5', 'hub', ['tablets-and-phones', 'form-filling'], {
    own: 'I worked in IT support.',
    share: 'Help with phones, tablets and online forms.',
    when: 'Tuesday afternoons',
  }),
  person('south-cheshire', 'Alan', 'Bourne', 'CW1', 'public', ['music', 'local-history'], {
    own: 'I play the accordion and know a lot about old Crewe.',
    share: 'Music at tea dances and history talks.',
    when: 'Afternoons',
  }),
  person('south-cheshire', 'Mavis', 'Tomkinson', 'CW2', 'coordinators', ['cooking', 'baking'], {
    own: 'I cooked in a café for years.',
    share: 'Cooking and baking for groups.',
    when: 'Mornings',
  }),
  person('south-cheshire', 'Dennis', 'Hollinshead', 'CW5', 'coordinators', ['gardening', 'pet-care'], {
    own: 'Dog lover and gardener.',
    share: 'Dog walking and garden tidying.',
    when: 'Most days',
    contact: 'text',
  }),
  person('south-cheshire', 'Janet', 'Whittingham', 'CW1', 'hub', ['art-and-drawing', 'knitting-and-sewing'], {
    own: 'Watercolours and patchwork.',
    share: 'Painting and sewing with beginners.',
    when: 'Wednesdays',
  }),
  person('south-cheshire', 'Ken', 'Moreton', 'CW2', 'public', ['walking-companion', 'tablets-and-phones'], {
    own: 'I walk ten thousand steps a day and track them on my phone.',
    share: 'Walks and phone tips.',
    when: 'Mornings',
  }),

  // Torbay
  person('torbay', 'Rosemary', 'Hext', 'TQ1', 'public', ['art-and-drawing', 'letter-writing'], {
    own: 'I paint the harbour in all weathers.',
    share: 'Painting tips and hand-made cards.',
    when: 'Thursday mornings',
  }),
  person('torbay', 'Clive', 'Ashworth', 'TQ2', 'hub', ['tablets-and-phones', 'driving'], {
    own: 'Retired engineer who moved here from Leeds.',
    share: 'Tablet help and lifts.',
    when: 'Weekdays',
  }),
  person('torbay', 'Margaret', 'Yeo', 'TQ3', 'coordinators', ['listening', 'reading-aloud'], {
    own: 'Retired teacher, I love a good book.',
    share: 'Reading aloud and a chat.',
    when: 'Afternoons',
    contact: 'phone',
  }),
  person('torbay', 'Nigel', 'Pengelly', 'TQ4', 'public', ['gardening', 'walking-companion'], {
    own: 'Gardener all my working life.',
    share: 'Allotment help and walks.',
    when: 'Mornings',
  }),
  person('torbay', 'Sue', 'Widdicombe', 'TQ1', 'coordinators', ['baking', 'cooking'], {
    own: 'I ran a tea room for twenty years.',
    share: 'Baking and cooking for the lunch club.',
    when: 'Tuesdays and Thursdays',
  }),
  person('torbay', 'Terry', 'Coombe', 'TQ2', 'hub', ['music'], {
    own: 'I play the ukulele and the piano.',
    share: 'Music for sing-alongs.',
    when: 'Afternoons',
    noEmail: true,
  }),
  person('torbay', 'Gwen', 'Luscombe', 'TQ3', 'coordinators', ['knitting-and-sewing', 'listening'], {
    own: 'Dressmaker, now retired.',
    share: 'Mending and alterations, and a friendly ear.',
    when: 'Mornings',
  }),
  person('torbay', 'Barry', 'Lang', 'TQ4', 'public', ['diy-repairs', 'local-history'], {
    own: 'Fisherman’s son, carpenter by trade.',
    share: 'Small repairs and stories of old Paignton.',
    when: 'Weekdays',
  }),
  person('torbay', 'Elaine', 'Prowse', 'TQ1', 'hub', ['form-filling', 'tablets-and-phones'], {
    own: 'I worked for the council for thirty years.',
    share: 'Help with forms and getting online.',
    when: 'Monday and Wednesday mornings',
  }),
  person('torbay', 'Michael', 'Oates', 'TQ2', 'coordinators', ['driving', 'pet-care'], {
    own: 'I have a car and a spaniel.',
    share: 'Lifts, and dog walking.',
    when: 'Most days',
    contact: 'text',
  }),
  person('torbay', 'Anne-Marie', 'Foley', 'TQ3', 'public', ['languages', 'tablets-and-phones'], {
    own: 'I speak French and Spanish and taught both.',
    share: 'Language chats and help with translation apps.',
    when: 'Afternoons',
  }),
  person('torbay', 'Derek', 'Tapper', 'TQ4', 'hub', ['walking-companion', 'gardening'], {
    own: 'I walk the coast path every week.',
    share: 'Company on a walk and help in the garden.',
    when: 'Mornings',
  }),
]

/**
 * A person registered on her behalf by the demo coordinator (issue 11): "Mrs Khan rang; she
 * can't use a computer but knits beautifully and wants to teach". By phone only; no email.
 */
export const ASSISTED_PERSON = {
  firstName: 'Farida',
  lastName: 'Khan',
  hub: 'thanet',
  postcodeDistrict: 'CT11',
  skills: ['knitting-and-sewing'],
  skillsInOwnWords: 'Knitting, crochet and mending: I have knitted for sixty years',
  wouldLikeToShare: 'I would like to teach a small knitting group at the hub',
  availability: 'Tuesday and Thursday afternoons',
  // Ofcom's drama range, like the other made-up people.
  phone: '07700 900999',
  agreedOn: '2025-12-02',
  recordedBy: 'coordinator@example.org',
} as const
