import { addresses } from '../addresses'
import type { ContactDetails } from '../services/listingsService'
import type { LinkView } from './links'

export interface ContactView {
  phone: string | null
  /** "tel:01632960002" */
  phoneHref: string | null
  email: string | null
  emailHref: string | null
  /** only http and https addresses are ever linked (ListingsService keeps no others) */
  website: LinkView | null
}

/** A listing's phone, email and website as views/partials/listings/contactRows.hbs shows them. */
export function presentContact(contact: ContactDetails): ContactView {
  return {
    phone: contact.phone,
    phoneHref: contact.phone ? addresses.phone(contact.phone) : null,
    email: contact.email,
    emailHref: contact.email ? addresses.email(contact.email) : null,
    website: contact.website
      ? { href: contact.website, text: contact.website.replace(/^https?:\/\//i, '').replace(/\/$/, '') }
      : null,
  }
}
