import type { ConsentStatement } from './contract'

/**
 * The consent statement people agree to on "Share your skills" (privacy rule 6). Its version
 * is stored with each consent, so we always know which words someone agreed to. Never change
 * the words of a version once it is in use: write a new version (today's date) instead, and
 * people will be asked to agree again when they next change their answers.
 */
export const CONSENT_WORDING: ConsentStatement = {
  version: '2026-12-01',
  paragraphs: [
    'We will keep what you tell us: your name, the postcode area you live in (like CT10, never your full address), your hub, what you are good at, what you would like to share, how often, and how people can get in touch with you.',
    'Only the people you choose can see your profile: the coordinators of your hub, the members of your hub, or everyone. They see your first name and the first letter of your last name, your hub, what you are good at and what you would like to share.',
    'Your phone number and email address are never shown to anyone. When someone would like your help, they ask your hub, and the hub gets in touch with you.',
    'You can change your answers, pause your profile, download everything we keep about you, or delete it, at any time, from "Your profile".',
    'If you change your mind, you can take back your agreement at any time. Your profile is hidden straight away.',
  ],
}
