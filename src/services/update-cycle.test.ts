import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { eachDialect } from '../../test/support/databases.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../domain/errors.ts';
import type { ReportModel } from '../reports/model.ts';
import { systemActor, type Actor } from './context.ts';
import { SmtpMailer, type MailMessage, type Mailer } from './mailer.ts';

// The update cycle against a real SMTP server on loopback: reminder emails (each sent once, and the
// later ones only to lead officers who have not updated) and sign-off of lead officers' updates.

interface Received {
  to: string[];
  subject: string;
  body: string;
}

/** A very small email parser: unfolded headers, and the body with quoted-printable undone. */
function parse(raw: string, to: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const subject = /^subject: (.*)$/im.exec(headers)?.[1] ?? '';
  const body = raw
    .slice(split + 4)
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { to, subject, body };
}

const inbox: Received[] = [];
let smtp: SMTPServer;
let real: SmtpMailer | null = null;

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push(parse(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  real = new SmtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Waymark <waymark@example.gov.uk>');
});

after(async () => {
  real?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The services are built before the SMTP server listens, so they send through this. */
const mailer: Mailer = {
  send: (m: MailMessage) => real!.send(m),
  close: () => undefined,
};

let now = new Date('2018-09-01T08:00:00Z');
const at = (iso: string) => {
  now = new Date(iso);
  return now;
};

eachDialect(
  'update cycle',
  (ctx) => {
    let admin: Actor;
    let lead: Actor;
    let benLead: Actor;
    let head: Actor;
    let tenantId: number;
    const ids = { h1: 0, a1: 0, a2: 0, b1: 0, c1: 0, plan: 0 };
    const take = () => inbox.splice(0, inbox.length);

    before(async () => {
      inbox.length = 0;
      const s = ctx.services;
      at('2018-09-01T08:00:00Z');
      tenantId = await s.councils.create({ slug: `uc-${ctx.dialect}`, name: 'Cycle Council' });
      admin = systemActor(tenantId);
      const dir = await s.organisation.createUnit(admin, { name: 'Chief Executive', code: 'CEX', kind: 'directorate' });
      const dem = await s.organisation.createUnit(admin, { name: 'Democratic Services', code: 'DEM', kind: 'service', parentId: dir });
      const year = await s.years.create(admin, { label: '2018/19', scheme: 'halves' });
      ids.h1 = (await s.years.get(admin, year)).periods[0]!.id;
      const amy = await s.organisation.createPerson(admin, { name: 'Amy Lead', email: 'Amy.Lead@cycle.gov.uk' });
      const ben = await s.organisation.createPerson(admin, { name: 'Ben Lead', email: 'ben.lead@cycle.gov.uk' });
      await s.organisation.createPerson(admin, { name: 'Nomail Person' });
      const nomail = (await s.organisation.people(admin)).find((p) => p.name === 'Nomail Person')!.id;
      ids.plan = await s.plans.create(admin, { orgUnitId: dem, planYearId: year, title: 'DEM plan', kind: 'service_improvement_plan' });
      const objectiveId = await s.plans.createObjective(admin, ids.plan, { number: '1.1', title: 'Good governance' });
      const action = (code: string, leadPersonIds: number[]) =>
        s.actions.create(admin, ids.plan, { objectiveId, code, title: `Action ${code}`, kind: 'ongoing', dueDate: '2019-03-31', leadPersonIds });
      ids.a1 = await action('DEM01', [amy]);
      ids.a2 = await action('DEM02', [amy, nomail]);
      ids.b1 = await action('DEM03', [ben]);
      ids.c1 = await action('DEM04', [nomail]);
      const amyUser = await s.auth.createUser(tenantId, { email: 'amy.lead@cycle.gov.uk', name: 'Amy Lead', role: 'lead_officer', password: 'long-enough-password' });
      const headUser = await s.auth.createUser(tenantId, { email: 'hos@cycle.gov.uk', name: 'Hana Head', role: 'head_of_service', password: 'long-enough-password' });
      // Hana answers for Democratic Services; Ben's account lets him update the action he leads.
      await s.organisation.createPerson(admin, { name: 'Hana Head', email: 'hos@cycle.gov.uk', orgUnitId: dem });
      const benUser = await s.auth.createUser(tenantId, { email: 'ben.lead@cycle.gov.uk', name: 'Ben Lead', role: 'lead_officer', password: 'long-enough-password' });
      benLead = { tenantId, userId: benUser, role: 'lead_officer' };
      lead = { tenantId, userId: amyUser, role: 'lead_officer' };
      head = { tenantId, userId: headUser, role: 'head_of_service' };
    });

    const update = (actor: Actor, actionId: number, fields: Record<string, unknown> = {}) =>
      ctx.services.progress.recordUpdate(actor, actionId, { periodId: ids.h1, asAt: '2018-09-30', statusWord: 'IN PROGRESS', percentComplete: 50, ...fields });

    test('nothing goes before the update window opens', async () => {
      const run = await ctx.services.updateCycle.runReminders(at('2018-09-10T08:00:00Z'));
      assert.deepEqual(run, { sent: 0, failed: 0 });
      assert.equal(take().length, 0);
    });

    test('the window opening sends one email to each lead officer, listing their actions; running again sends nothing', async () => {
      // The first half's window opens on 17 September; updates are due on 14 October.
      const run = await ctx.services.updateCycle.runReminders(at('2018-09-20T08:00:00Z'));
      assert.deepEqual(run, { sent: 2, failed: 0 });
      const mail = take().sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
      assert.deepEqual(
        mail.map((m) => m.to),
        [['amy.lead@cycle.gov.uk'], ['ben.lead@cycle.gov.uk']],
      );
      assert.match(mail[0]!.subject, /^Progress updates are open for First half/);
      assert.match(mail[0]!.body, /DEM01/);
      assert.match(mail[0]!.body, /DEM02/);
      assert.doesNotMatch(mail[0]!.body, /DEM03|DEM04/);
      assert.match(mail[0]!.body, new RegExp(`/actions/${ids.a1}/updates/new`));
      assert.match(mail[0]!.body, /<a href=/); // the HTML part
      assert.match(mail[1]!.body, /DEM03/);
      assert.doesNotMatch(mail[1]!.body, /DEM01/);

      assert.deepEqual(await ctx.services.updateCycle.runReminders(at('2018-09-20T08:15:00Z')), { sent: 0, failed: 0 });
      assert.deepEqual(await ctx.services.updateCycle.runReminders(at('2018-09-25T08:00:00Z')), { sent: 0, failed: 0 });
      assert.equal(take().length, 0);
      const rows = await ctx.kysely.selectFrom('reminders_sent').select(['email', 'kind', 'user_id']).where('tenant_id', '=', tenantId).orderBy('email').execute();
      assert.deepEqual(
        rows.map((r) => [r.email, r.kind, r.user_id !== null]),
        [
          ['amy.lead@cycle.gov.uk', 'opened', true],
          ['ben.lead@cycle.gov.uk', 'opened', true],
        ],
      );
    });

    test('two servers running at once still send each reminder once', async () => {
      // Amy updates both her actions; Ben does not.
      at('2018-10-01T09:00:00Z');
      await update(lead, ids.a1);
      await update(lead, ids.a2);
      // Ben's action becomes restricted: the reminder names it by code, and leaves its title in Waymark.
      const b1 = (await ctx.services.actions.detail(admin, ids.b1)).action;
      await ctx.services.actions.update(admin, ids.b1, b1.version, { objectiveId: b1.objective_id, code: b1.code, title: b1.title, kind: b1.kind, dueDate: b1.due_date, leadPersonIds: b1.leads.map((l) => l.id!), restricted: 'yes', exemptParagraph: 3 });
      // Due soon: five days before 14 October.
      const when = at('2018-10-10T08:00:00Z');
      const runs = await Promise.all([ctx.services.updateCycle.runReminders(when), ctx.services.updateCycle.runReminders(when), ctx.services.updateCycle.runReminders(when)]);
      assert.equal(runs.reduce((n, r) => n + r.sent, 0), 1);
      const mail = take();
      assert.deepEqual(
        mail.map((m) => m.to),
        [['ben.lead@cycle.gov.uk']],
      );
      assert.match(mail[0]!.subject, /are due on 14 October 2018/);
      assert.match(mail[0]!.body, /DEM03/);
      assert.doesNotMatch(mail[0]!.body, /Action DEM03/);
      assert.match(mail[0]!.body, /restricted: the title is shown in Waymark/);
      // Open again, for the sign-off and report steps below.
      const again = (await ctx.services.actions.detail(admin, ids.b1)).action;
      await ctx.services.actions.update(admin, ids.b1, again.version, { objectiveId: again.objective_id, code: again.code, title: again.title, kind: again.kind, dueDate: again.due_date, leadPersonIds: again.leads.map((l) => l.id!), restricted: 'no' });
    });

    test('overdue goes only to those who have not updated, once', async () => {
      const run = await ctx.services.updateCycle.runReminders(at('2018-10-16T08:00:00Z'));
      assert.deepEqual(run, { sent: 1, failed: 0 });
      const mail = take();
      assert.deepEqual(
        mail.map((m) => m.to),
        [['ben.lead@cycle.gov.uk']],
      );
      assert.match(mail[0]!.subject, /overdue/);
      assert.deepEqual(await ctx.services.updateCycle.runReminders(at('2018-10-17T08:00:00Z')), { sent: 0, failed: 0 });
      assert.equal(take().length, 0);
    });

    test('without sign-off, updates count at once; settings are checked', async () => {
      const s = await ctx.services.updateCycle.settings(admin);
      assert.deepEqual(s, { requireApproval: false, reminderDaysBefore: 5, reportsApprovedOnly: true });
      const row = await ctx.kysely.selectFrom('progress_updates').select(['approval']).where('action_id', '=', ids.a1).executeTakeFirstOrThrow();
      assert.equal(row.approval, 'approved');
      await assert.rejects(ctx.services.updateCycle.saveSettings(admin, { requireApproval: 'maybe', reminderDaysBefore: '61', reportsApprovedOnly: 'yes' }), (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.ok(e.fields.requireApproval);
        assert.match(e.fields.reminderDaysBefore ?? '', /0 to 60/);
        return true;
      });
      await assert.rejects(ctx.services.updateCycle.saveSettings(lead, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'yes' }), ForbiddenError);
    });

    test('sign-off: submitted, refused to its author, approved, then in reports', async () => {
      const cycle = ctx.services.updateCycle;
      await cycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'yes' });
      at('2018-10-18T09:00:00Z');
      const id = await update(benLead, ids.b1, { percentComplete: 60, narrative: 'Awaiting sign-off narrative.' });
      const row = await ctx.kysely.selectFrom('progress_updates').select(['approval']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.approval, 'submitted');
      // A head of service's own update needs nobody's sign-off.
      const own = await update(head, ids.c1, { percentComplete: 40 });
      assert.equal((await ctx.kysely.selectFrom('progress_updates').select(['approval']).where('id', '=', own).executeTakeFirstOrThrow()).approval, 'approved');

      const forHead = await cycle.pending(head);
      assert.deepEqual(forHead.toApprove.map((u) => u.action_code), ['DEM03']);
      const forLead = await cycle.pending(benLead);
      assert.deepEqual(forLead.toApprove, []);
      assert.deepEqual(forLead.mine.map((u) => [u.action_code, u.approval]), [['DEM03', 'submitted']]);

      // Reports with approved updates only leave it out; positions without the option show it.
      const model = () => ctx.services.reports.adHoc(admin, { year: '2018/19', orgCodes: ['DEM'], asOf: '2018-10-18', template: 'half-year' });
      const narrativeOf = (m: ReportModel, code: string) =>
        m.appendices.flatMap((a) => (a.kind === 'progress' ? a.objectives.flatMap((o) => o.rows) : [])).find((r) => r.code === code)?.narrative ?? null;
      assert.equal(narrativeOf(await model(), 'DEM03'), null);
      const action = (await ctx.services.actions.forPlanYear(admin, 'DEM', '2018/19')).actions.find((a) => a.id === ids.b1)!;
      assert.equal((await ctx.services.progress.positions(admin, [action], '2018-10-18'))[0]!.latest?.id, id);
      assert.equal((await ctx.services.progress.positions(admin, [action], '2018-10-18', { approvedOnly: true }))[0]!.latest, null);

      // Its author cannot sign it off: refused, and recorded as a security event.
      await assert.rejects(cycle.approve(benLead, id), ForbiddenError);
      const security = await ctx.kysely.selectFrom('audit_events').select(['event', 'user_id']).where('tenant_id', '=', tenantId).where('entity', '=', 'security').execute();
      assert.deepEqual(security, [{ event: 'self_approval_refused', user_id: benLead.userId }]);
      // Nor can a head of service sign off their own.
      const ownSubmitted = await ctx.kysely.selectFrom('progress_updates').select(['id']).where('id', '=', own).executeTakeFirstOrThrow();
      await assert.rejects(cycle.approve(head, ownSubmitted.id), ForbiddenError);

      await cycle.approve(head, id);
      const approved = await ctx.kysely.selectFrom('progress_updates').select(['approval', 'approved_by_user_id', 'approved_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(approved.approval, 'approved');
      assert.equal(approved.approved_by_user_id, head.userId);
      assert.ok(approved.approved_at);
      assert.equal(narrativeOf(await model(), 'DEM03'), 'Awaiting sign-off narrative.');
      await assert.rejects(cycle.approve(head, id), ConflictError);
      const events = await ctx.kysely.selectFrom('audit_events').select(['event']).where('entity', '=', 'progress_update').where('entity_id', '=', id).orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.event), ['create', 'approve']);

      // When the council lets reports use every update, submitted ones show.
      const next = await update(benLead, ids.b1, { percentComplete: 70, narrative: 'Seventy, not yet signed off.' });
      assert.equal(narrativeOf(await model(), 'DEM03'), 'Awaiting sign-off narrative.');
      await cycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'no' });
      assert.equal(narrativeOf(await model(), 'DEM03'), 'Seventy, not yet signed off.');
      await cycle.saveSettings(admin, { requireApproval: 'yes', reminderDaysBefore: '5', reportsApprovedOnly: 'yes' });
      take();

      // Returned with a comment: the comment is required, kept, and emailed to the author.
      await assert.rejects(cycle.returnUpdate(head, next, { comment: ' ' }), ValidationError);
      await cycle.returnUpdate(head, next, { comment: 'Say what slipped and why.' });
      const returned = await ctx.kysely.selectFrom('progress_updates').select(['approval', 'return_comment']).where('id', '=', next).executeTakeFirstOrThrow();
      assert.deepEqual(returned, { approval: 'returned', return_comment: 'Say what slipped and why.' });
      assert.deepEqual((await cycle.pending(benLead)).mine.map((u) => [u.id, u.approval, u.return_comment]), [[next, 'returned', 'Say what slipped and why.']]);
      assert.deepEqual((await cycle.pending(head)).toApprove, []);
      const mail = take();
      assert.equal(mail.length, 1);
      assert.deepEqual(mail[0]!.to, ['ben.lead@cycle.gov.uk']);
      assert.match(mail[0]!.subject, /DEM03 has been returned/);
      assert.match(mail[0]!.body, /Say what slipped and why\./);
      await assert.rejects(cycle.approve(head, next), ConflictError);

      // Correcting the returned update submits the correction and clears the returned one from the list.
      const fixed = await update(benLead, ids.b1, { percentComplete: 65, narrative: 'Corrected.', correctsId: next });
      assert.deepEqual((await cycle.pending(benLead)).mine.map((u) => [u.id, u.approval]), [[fixed, 'submitted']]);
    });
  },
  { clock: () => now, mailer },
);
