import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer, type MailMessage, type Mailer } from '../../../services/mailer.ts';
import { withoutResetToken } from './password-reset.ts';
import { anonymousClient, createCouncil, pageText, signedInClient, testApp, type TestApp, type TestCouncil } from '../../../../test/support/http.ts';

// "Forgotten your password?" through the web pages, with the email going through a real SMTP
// server on loopback: the link is read from the message the server received and used to set a
// new password.

interface Received {
  to: string[];
  body: string;
}

/** The body of a raw message with quoted-printable undone (soft line breaks and =XX escapes). */
function decode(raw: string): string {
  return raw
    .slice(raw.indexOf('\r\n\r\n') + 4)
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const inbox: Received[] = [];
let smtp: SMTPServer;
let real: SmtpMailer | null = null;
/** While closed, emails wait here before going to the SMTP server. */
let gate: Promise<void> = Promise.resolve();

/** The app is built before the SMTP server listens, so it sends through this. */
const mailer: Mailer = {
  send: async (m: MailMessage) => {
    await gate;
    await real!.send(m);
  },
  close: () => undefined,
};

/** Waits (up to 5 s) for `n` messages in the inbox and takes them. */
async function received(n: number): Promise<Received[]> {
  for (let i = 0; i < 100 && inbox.length < n; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(inbox.length, n, `${n} email(s) received`);
  return inbox.splice(0, inbox.length);
}

const linkIn = (m: Received): string => {
  const match = /https:\/\/waymark\.example\.gov\.uk(\/reset-password\/[A-Za-z0-9_-]+)/.exec(m.body);
  assert.ok(match, `a reset link in the email: ${m.body.slice(0, 800)}`);
  return match[1]!;
};

describe('forgotten password, through the pages and a real SMTP server', () => {
  let t: TestApp;
  let council: TestCouncil;
  const NEW_PASSWORD = 'lantern harbour biscuit';

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), body: decode(Buffer.concat(chunks).toString('utf8')) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    real = new SmtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Waymark <waymark@example.gov.uk>');
    t = await testApp({ mailer, publicUrl: 'https://waymark.example.gov.uk' });
    council = await createCouncil(t.services, { slug: 'forgetful', name: 'Forgetful Borough Council', email: 'forgetful@example.gov.uk', role: 'lead_officer' });
  });

  after(async () => {
    await t.close();
    real?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('links to "Forgotten your password?" from the sign-in page, and shows its form signed out', async () => {
    const signIn = await t.app.inject({ method: 'GET', url: '/sign-in' });
    assert.match(signIn.body, /<a class="govuk-link" href="\/forgotten-password">Forgotten your password\?<\/a>/);
    const client = anonymousClient(t.app);
    const form = await client.get('/forgotten-password');
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /Reset your password Enter the email address you sign in with/);
    assert.match(form.body, /<form method="post" action="\/forgotten-password"/);
    assert.ok(client.csrfToken, 'the form carries a CSRF token');
  });

  it('names the field for a blank or malformed address, and refuses a post without the CSRF token', async () => {
    const client = anonymousClient(t.app);
    await client.get('/forgotten-password');
    const blank = await client.post('/forgotten-password', { email: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /href="#email">Enter your email address<\/a>/);
    assert.match(blank.body, /<title>Error: Reset your password/);
    const malformed = await client.post('/forgotten-password', { email: 'forgetful at example' });
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /href="#email">Enter an email address in the correct format, like name@example.gov.uk<\/a>/);
    assert.match(malformed.body, /value="forgetful at example"/);
    const forged = await client.post('/forgotten-password', { email: council.email }, { csrf: false });
    assert.equal(forged.statusCode, 403);
    assert.equal((await received(0)).length, 0);
  });

  it('gives the same answer for an address with an account and one without, without waiting for the mail server', async () => {
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    const client = anonymousClient(t.app);
    await client.get('/forgotten-password');
    const known = await client.post('/forgotten-password', { email: council.email });
    const unknown = await client.post('/forgotten-password', { email: 'nobody@example.gov.uk' });
    // Both answered while the email is still held back at the gate.
    assert.equal(inbox.length, 0);
    assert.deepEqual([known.statusCode, unknown.statusCode], [200, 200]);
    const text = (body: string, email: string) => pageText(body).replace(email, 'EMAIL');
    assert.equal(text(known.body, council.email), text(unknown.body, 'nobody@example.gov.uk'));
    assert.match(pageText(known.body), /Check your email If forgetful@example\.gov\.uk is the email address of a Waymark account, we have sent it a link/);
    open();
    const mail = await received(1);
    assert.deepEqual(mail[0]!.to, [council.email]);
    gate = Promise.resolve();
  });

  it('sets a new password through the emailed link: once, with the rules, ending the old sessions', async () => {
    const before = await signedInClient(t.app, council.email, council.password);
    const client = anonymousClient(t.app);
    await client.get('/forgotten-password');
    assert.equal((await client.post('/forgotten-password', { email: council.email })).statusCode, 200);
    const link = linkIn((await received(1))[0]!);

    // Opened in another browser, as from an email client.
    const browser = anonymousClient(t.app);
    const form = await browser.get(link);
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /Choose a new password For the Waymark account forgetful@example\.gov\.uk/);
    assert.match(form.body, new RegExp(`<form method="post" action="${link}"`));

    const weak = await browser.post(link, { newPassword: 'short', confirmPassword: 'short' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /href="#newPassword">New password must be 12 characters or more<\/a>/);
    const mismatch = await browser.post(link, { newPassword: NEW_PASSWORD, confirmPassword: 'something else entirely' });
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /href="#confirmPassword">Enter the same new password twice<\/a>/);

    const done = await browser.post(link, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/sign-in');
    const signInPage = await browser.get('/sign-in');
    assert.match(pageText(signInPage.body), /Your password has been changed\. Sign in with your new password\./);

    // The session from before the reset has ended; the new password works, the old one does not.
    const stale = await before.get('/');
    assert.equal(stale.statusCode, 302);
    const old = await browser.post('/sign-in', { email: council.email, password: council.password });
    assert.equal(old.statusCode, 401);
    const fresh = await browser.post('/sign-in', { email: council.email, password: NEW_PASSWORD });
    assert.equal(fresh.statusCode, 303);

    // The link is used up.
    const again = await anonymousClient(t.app).get(link);
    assert.equal(again.statusCode, 410);
    assert.match(pageText(again.body), /The link has expired This link to reset your password has expired or has already been used/);
    assert.match(again.body, /<a class="govuk-link" href="\/forgotten-password">Ask for a new link<\/a>/);
  });

  it('says a made-up or mangled link has expired, on opening it and on posting to it', async () => {
    const client = anonymousClient(t.app);
    for (const url of ['/reset-password/not-a-real-token-at-all-0123456789', '/reset-password/x', '/reset-password/%3Cscript%3E']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 410, url);
      assert.match(pageText(res.body), /The link has expired/, url);
    }
    await client.get('/forgotten-password');
    const post = await client.post('/reset-password/not-a-real-token-at-all-0123456789', { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(post.statusCode, 410);
  });
});

describe('logging a reset link', () => {
  it('keeps the token out of the logged URL, and leaves other URLs alone', () => {
    const cases: [string, string][] = [
      ['/reset-password/AbC-123_xyz', '/reset-password/[token]'],
      ['/reset-password/AbC-123_xyz?x=1', '/reset-password/[token]?x=1'],
      ['/sign-in?next=%2Fplans', '/sign-in?next=%2Fplans'],
      ['/plans/reset-password/1', '/plans/reset-password/1'],
    ];
    for (const [url, logged] of cases) assert.equal(withoutResetToken(url), logged, url);
  });
});
