import { createRequire } from 'node:module';
import type { Transporter } from 'nodemailer';

// Sending email. With SMTP_URL set, messages go through that server (nodemailer's SMTP transport);
// without it they are written to the log instead, so a council can try Waymark without a mail server.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailConfig {
  /** smtp://user:pass@host:587 or smtps://…; none means emails are logged, not sent. */
  smtpUrl?: string;
  /** The From address, e.g. "Waymark <waymark@council.gov.uk>". */
  from: string;
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Loaded only when there is an SMTP server to send through, not at every start.
    const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer');
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(m: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
  }

  close(): void {
    this.transport.close();
  }
}

/** Writes each email to the log instead of sending it (no SMTP_URL). Keeps the last few, for a look. */
export class LogMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  constructor(private readonly log: (line: string) => void = () => undefined) {}

  async send(m: MailMessage): Promise<void> {
    this.sent.push(m);
    if (this.sent.length > 100) this.sent.shift();
    this.log(`email not sent (SMTP_URL is not set): to ${m.to}: ${m.subject}`);
  }

  close(): void {}
}

export function makeMailer(config: MailConfig | undefined, log?: (line: string) => void): Mailer {
  return config?.smtpUrl ? new SmtpMailer(config.smtpUrl, config.from) : new LogMailer(log);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML email body. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
