/**
 * The forms the property-based tests send (test/integration/propertiesForms*.test.ts): every
 * path in server/addresses.ts's formPaths, with a real record from the demo data, the viewer
 * it is for, and the page that shows it. Sending them and checking the answers is in
 * formProperties.ts.
 */

export type Viewer = 'visitor' | 'member' | 'sharer' | 'peerLead' | 'admin' | 'leaving'

export interface Form {
  /** where the form is sent */
  to: string
  /**
   * who sends it: a member part way through sharing their skills, a 'sharer' who has finished,
   * or 'leaving', a member whose session (or account) the form may end
   */
  viewer: Viewer
  /** the page that shows the form, whose fields are sent; the form's own address unless said */
  from?: string
  /** fields the page does not show (another page's form, or one only a later step shows) */
  fields?: string[]
}

/** Visitors' and members' forms: accounts, signing in, asking, suggesting, sharing skills. */
export const PUBLIC_FORMS: Form[] = [
  // Accounts and signing in: a visitor's forms.
  { to: '/create-account', viewer: 'visitor' },
  { to: '/confirm-email', viewer: 'visitor', fields: ['token'] },
  { to: '/sign-in', viewer: 'visitor' },
  { to: '/sign-in/email-link', viewer: 'visitor' },
  { to: '/sign-in/link', viewer: 'visitor', fields: ['token'] },
  { to: '/forgotten-password', viewer: 'visitor' },
  { to: '/reset-password', viewer: 'visitor', fields: ['token', 'password'] },
  { to: '/sign-in/code', viewer: 'visitor', fields: ['code'] },
  { to: '/sign-in/recovery-code', viewer: 'visitor', fields: ['code', 'recoveryCode'] },
  { to: '/introductions/answer', viewer: 'visitor', fields: ['token', 'answer', 'reason'] },
  { to: '/put-me-in-touch', viewer: 'visitor', from: '/put-me-in-touch?from=hub&hub=thanet' },
  { to: '/put-me-in-touch?from=service&id=1', viewer: 'visitor', from: '/put-me-in-touch?from=service&id=1' },
  { to: '/claim-your-profile', viewer: 'member', fields: ['token'] },
  { to: '/services/1/suggest-a-change', viewer: 'visitor' },
  { to: '/organisations/1/suggest-a-change', viewer: 'visitor' },
  { to: '/places/1/suggest-a-change', viewer: 'visitor' },
  { to: '/suggest-a-new-group', viewer: 'visitor', from: '/suggest-a-new-group?hub=thanet' },
  { to: '/suggest-a-new-group', viewer: 'member', from: '/suggest-a-new-group?hub=thanet' },
  // A signed-in member's own account and profile.
  { to: '/account/password', viewer: 'member' },
  { to: '/account/email', viewer: 'member' },
  { to: '/account/email/confirm', viewer: 'member', fields: ['token'] },
  { to: '/account/keep-alive', viewer: 'member', from: '/account' },
  { to: '/account/two-step', viewer: 'member', fields: ['code'] },
  { to: '/account/two-step/recovery-codes', viewer: 'member', from: '/account', fields: ['password'] },
  { to: '/account/two-step/turn-off', viewer: 'member', from: '/account', fields: ['password'] },
  { to: '/your-profile/pause', viewer: 'sharer', from: '/your-profile', fields: ['action'] },
  { to: '/your-profile/withdraw', viewer: 'sharer' },
  ...['name', 'where', 'hub', 'skills', 'sharing', 'contact', 'who-can-see', 'agreement', 'check'].map(
    (step): Form => ({
      to: `/share-your-skills/${step}`,
      viewer: 'member',
      from: '/share-your-skills/name',
      fields: [
        'firstName',
        'lastName',
        'where',
        'placeChoice',
        'hub',
        'skills',
        'ownWords',
        'share',
        'howOften',
        'availability',
        'contactWays',
        'phone',
        'email',
        'visibility',
        'agree',
        'consent',
      ],
    }),
  ),
  // Last, as someone else: forms that end the session or the account they are sent from.
  { to: '/your-profile/delete', viewer: 'leaving' },
  { to: '/account/sign-out-everywhere', viewer: 'leaving' },
  { to: '/sign-out', viewer: 'leaving', from: '/account' },
]

/** Thanet's peer lead's and an admin's forms. */
export const STAFF_FORMS: Form[] = [
  // Thanet's peer lead: a person, introductions, registering, listings, suggestions.
  { to: '/coordinate/people/1/contact', viewer: 'peerLead' },
  {
    to: '/coordinate/introductions/1/choose',
    viewer: 'peerLead',
    from: '/coordinate/introductions/1',
    fields: ['personId'],
  },
  { to: '/coordinate/introductions/1/ask', viewer: 'peerLead', from: '/coordinate/introductions/1' },
  {
    to: '/coordinate/introductions/1/answer',
    viewer: 'peerLead',
    from: '/coordinate/introductions/1',
    fields: ['answer', 'note'],
  },
  {
    to: '/coordinate/introductions/2/how-it-went',
    viewer: 'peerLead',
    from: '/coordinate/introductions/2',
    fields: ['outcome', 'note'],
  },
  { to: '/coordinate/introductions/1/close', viewer: 'peerLead', fields: ['reason', 'note'] },
  { to: '/coordinate/introductions/1/contact', viewer: 'peerLead', fields: ['reason'] },
  { to: '/coordinate/register', viewer: 'peerLead' },
  {
    to: '/coordinate/people/1/consent-checked',
    viewer: 'peerLead',
    from: '/coordinate/people/1',
    fields: ['day', 'month', 'year', 'method'],
  },
  { to: '/coordinate/people/1/claim-link', viewer: 'peerLead' },
  {
    to: '/coordinate/people/1/download',
    viewer: 'peerLead',
    from: '/coordinate/people/1',
    fields: ['reason'],
  },
  { to: '/coordinate/people/1/delete', viewer: 'peerLead' },
  { to: '/coordinate/services/26/checked', viewer: 'peerLead' },
  { to: '/coordinate/services/26/archive', viewer: 'peerLead' },
  { to: '/coordinate/organisations/11/checked', viewer: 'peerLead' },
  { to: '/coordinate/organisations/11/archive', viewer: 'peerLead' },
  { to: '/coordinate/places/10/checked', viewer: 'peerLead' },
  { to: '/coordinate/places/10/archive', viewer: 'peerLead' },
  { to: '/coordinate/suggestions/1', viewer: 'peerLead' },
  // An admin: accounts (the demo's account 1, not one signed in here), hubs, imports.
  { to: '/admin/accounts/1/role', viewer: 'admin' },
  { to: '/admin/accounts/1/disable', viewer: 'admin' },
  { to: '/admin/accounts/1/enable', viewer: 'admin' },
  { to: '/admin/hubs/new', viewer: 'admin' },
  { to: '/admin/hubs/thanet/edit', viewer: 'admin' },
  { to: '/admin/hubs/thanet/people', viewer: 'admin', from: '/admin/hubs/thanet/edit' },
  { to: '/admin/import', viewer: 'admin' },
  { to: '/admin/import/open-referral', viewer: 'admin' },
  { to: '/admin/import/0123456789abcdef0123456789abcdef', viewer: 'admin' },
]
