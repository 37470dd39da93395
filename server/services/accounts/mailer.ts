import type nodemailer from 'nodemailer'
import type { OutboxRepository } from '../../../db/repositories/outboxRepository'
import type { Clock } from '../clock'
import { isoSecond } from './times'

/** One plain-text email. */
export interface Email {
  to: string
  subject: string
  body: string
}

export interface Mailer {
  send(email: Email): Promise<void>
}

/** With no mail server, emails are kept in the outbox table (read at /dev/outbox outside production). */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  send(email: Email): Promise<void> {
    this.outbox.add({ ...email, createdAt: isoSecond(this.clock.now()) })
    return Promise.resolve()
  }
}

/** Email through an SMTP server (SMTP_URL), with nodemailer. */
export class SmtpMailer implements Mailer {
  private readonly transport

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Loaded only when email goes through a server (4 MB the app does not need otherwise).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mailer = require('nodemailer') as typeof nodemailer
    this.transport = mailer.createTransport(smtpUrl)
  }

  async send(email: Email): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: email.to, subject: email.subject, text: email.body })
  }
}
