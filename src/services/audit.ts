import { stringify } from 'csv-stringify/sync';
import { describeChanges, entityLabel, eventLabel, referencedIds, ukDateTime, type FieldChange, type NameLookup, type RefKind } from '../domain/audit-diff.ts';
import { formatUkDate } from '../domain/dates.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { canReadDraftReports } from '../domain/permissions.ts';
import { safeCell } from '../domain/spreadsheet-cells.ts';
import type { AuditEventWithUser, AuditTarget } from '../db/repositories/audit.ts';
import type { Repos } from '../db/repositories/index.ts';
import type { Actor, Deps } from './context.ts';
import { actorHasClearance, assertSeesAction, visibleActions, visibleUpdates } from './visibility.ts';

// The audit trail, read back: the history of a plan, objective, action (with its progress updates)
// or report as a timeline in words, and the whole trail of a council as CSV for its administrators.
// The trail itself is append-only (the database refuses to change or delete it: migration 005).

export const HISTORY_SUBJECTS = ['plan', 'objective', 'action', 'report'] as const;
export type HistorySubject = (typeof HISTORY_SUBJECTS)[number];

/** Who acted when no user did: imports from the command line, the demo loader. */
export const SYSTEM_NAME = 'Waymark';

export interface HistoryEntry {
  id: number;
  /** ISO timestamp. */
  at: string;
  /** "30 June 2019 at 14:05", UK time. */
  when: string;
  /** The user's name, or "Waymark" for the system. */
  who: string;
  entity: string;
  /** "Action", "Progress update", "Strategic goal". */
  entityLabel: string;
  /** For events on a part of the subject (a progress update, a strategic goal): which one; null for the subject itself. */
  about: string | null;
  event: string;
  /** "Created", "Updated", "Issued", "Progress update corrected" … */
  eventLabel: string;
  /** What happened, in a line: "Updated", "Progress update recorded (as at 30 June 2019, IN PROGRESS)", "Strategic goal created: 1. Open government". */
  heading: string;
  /** True when the event made something new (no values before it): its changes list the values it was given. */
  isNew: boolean;
  changes: FieldChange[];
}

export interface History {
  subject: HistorySubject;
  id: number;
  /** The plan's, objective's, action's or report's own title. */
  title: string;
  /** The plan the subject belongs to (an objective's or action's), or the plan itself; null for a report. */
  planId: number | null;
  /** A plan's objectives, which have histories of their own; empty for the others. */
  objectives: { id: number; title: string }[];
  /** Newest first. */
  entries: HistoryEntry[];
}

const CSV_PAGE = 500;
const CSV_COLUMNS = ['at', 'user', 'entity', 'entity id', 'event', 'before', 'after'];

export class AuditService {
  constructor(private readonly deps: Deps) {}

  /** The history of one plan, objective, action or report of the actor's council, newest first. Anyone signed in may read it. */
  async history(actor: Actor, subject: HistorySubject, id: number): Promise<History> {
    const r = this.deps.store.repos;
    const t = actor.tenantId;
    const about = new Map<string, string>(); // "entity:id" → which part, for events not on the subject itself
    let title: string;
    let planId: number | null;
    let objectives: History['objectives'] = [];
    const targets: AuditTarget[] = [];
    if (subject === 'plan') {
      const plan = await r.plans.get(t, id);
      if (!plan) throw new NotFoundError('Plan');
      title = plan.title;
      planId = plan.id;
      const goals = await r.plans.goals(t, id);
      for (const g of goals) about.set(`plan_goal:${g.id}`, g.number ? `${g.number}. ${g.title}` : g.title);
      objectives = (await r.objectives.forPlan(t, id)).map((o) => ({ id: o.id, title: o.number ? `${o.number} ${o.title}` : o.title }));
      targets.push({ entity: 'service_plan', ids: [id] }, { entity: 'plan_goal', ids: goals.map((g) => g.id) });
    } else if (subject === 'objective') {
      const o = await r.objectives.get(t, id);
      if (!o) throw new NotFoundError('Objective');
      title = o.number ? `${o.number} ${o.title}` : o.title;
      planId = o.plan_id;
      targets.push({ entity: 'objective', ids: [id] });
    } else if (subject === 'action') {
      const a = await r.actions.get(t, id);
      if (!a) throw new NotFoundError('Action');
      await assertSeesAction(r, actor, a);
      title = `${a.code}: ${a.title}`;
      planId = a.plan_id;
      // Restricted updates the reader may not see leave no trace in the history either.
      const updates = await visibleUpdates(r, actor, await r.progress.forActions(t, [id]));
      for (const u of updates) about.set(`progress_update:${u.id}`, `as at ${formatUkDate(u.as_at)}, ${u.status_word}`);
      targets.push({ entity: 'action', ids: [id] }, { entity: 'progress_update', ids: updates.map((u) => u.id) });
    } else if (subject === 'report') {
      const report = await r.reports.get(t, id);
      if (!report || (report.restricted === 1 && !actorHasClearance(actor))) throw new NotFoundError('Report');
      // The history holds every change to the draft: only for those who may read drafts.
      if (!canReadDraftReports(actor.role, (await r.tenants.get(t))?.councillors_read_drafts === 1)) throw new NotFoundError('Report');
      title = report.title;
      planId = null;
      targets.push({ entity: 'report', ids: [id] });
    } else {
      throw new NotFoundError('Record');
    }

    const events = await r.audit.history(t, targets);
    const parsed = events.map((e) => ({ e, before: parseJson(e.before_json), after: parseJson(e.after_json) }));
    const names = await this.names(r, actor, referencedIds(...parsed.flatMap((p) => [p.before, p.after])));
    return {
      subject,
      id,
      title,
      planId,
      objectives,
      entries: parsed.map(({ e, before, after }) => {
        const part = about.get(`${e.entity}:${e.entity_id}`) ?? null;
        const what = eventLabel(e.entity, e.event);
        return {
          id: e.id,
          at: e.at,
          when: ukDateTime(e.at),
          who: whoOf(e),
          entity: e.entity,
          entityLabel: entityLabel(e.entity),
          about: part,
          event: e.event,
          eventLabel: what,
          heading: headingOf(e.entity, what, part),
          isNew: before === undefined,
          changes: describeChanges(before, after, { names, entity: e.entity }),
        };
      }),
    };
  }

  /**
   * The council's whole audit trail as CSV (UTF-8 with a BOM, for Excel), oldest first, read a page
   * at a time so a long trail is never held in memory at once. Administrators only: the check is
   * made before the first row is read.
   */
  async csv(actor: Actor): Promise<AsyncIterable<string>> {
    if (actor.role !== 'admin') throw new ForbiddenError('Only administrators can download the audit trail.');
    const audit = this.deps.store.repos.audit;
    const tenantId = actor.tenantId;
    async function* rows(): AsyncGenerator<string> {
      yield `\uFEFF${stringify([CSV_COLUMNS], { record_delimiter: '\r\n' })}`;
      let afterId = 0;
      for (;;) {
        const page = await audit.page(tenantId, afterId, CSV_PAGE);
        if (!page.length) return;
        yield stringify(
          page.map((e) => [e.at, safeCell(whoOf(e)), e.entity, e.entity_id === null ? '' : String(e.entity_id), e.event, e.before_json ?? '', e.after_json ?? '']),
          { record_delimiter: '\r\n' },
        );
        afterId = page[page.length - 1]!.id;
        if (page.length < CSV_PAGE) return;
      }
    }
    return rows();
  }

  /** Names for the records the events point at, looked up in the council's own data. */
  private async names(r: Repos, actor: Actor, refs: Map<RefKind, Set<number>>): Promise<NameLookup> {
    const t = actor.tenantId;
    const found = new Map<string, string>();
    const lookups: Record<RefKind, (id: number) => Promise<string | undefined>> = {
      orgUnit: async (id) => (await r.orgUnits.get(t, id))?.name,
      planYear: async (id) => (await r.planYears.get(t, id))?.label,
      plan: async (id) => (await r.plans.get(t, id))?.title,
      goal: async (id) => {
        const g = await r.plans.goal(t, id);
        return g ? (g.number ? `${g.number}. ${g.title}` : g.title) : undefined;
      },
      objective: async (id) => {
        const o = await r.objectives.get(t, id);
        return o ? (o.number ? `${o.number} ${o.title}` : o.title) : undefined;
      },
      action: async (id) => {
        const a = await r.actions.get(t, id);
        if (!a) return undefined;
        // A restricted action the reader may not see is named only as that.
        return (await visibleActions(r, actor, [a])).length ? `${a.code}: ${a.title}` : 'a restricted action';
      },
      priority: async (id) => (await r.corporate.priority(t, id))?.title,
      pledge: async (id) => {
        const p = await r.corporate.pledge(t, id);
        return p ? `Pledge ${p.number}` : undefined;
      },
      period: async (id) => (await r.planYears.period(t, id))?.label,
      progressUpdate: async (id) => {
        const u = await r.progress.get(t, id);
        if (!u) return undefined;
        return (await visibleUpdates(r, actor, [u])).length ? `the update as at ${formatUkDate(u.as_at)} (${u.status_word})` : 'a restricted update';
      },
      meeting: async (id) => {
        const m = await r.reports.meeting(t, id);
        return m ? `${m.committeeName}, ${formatUkDate(m.meeting_date)}` : undefined;
      },
    };
    const jobs: Promise<void>[] = [];
    for (const [kind, ids] of refs) {
      for (const id of ids) {
        jobs.push(
          lookups[kind](id).then((name) => {
            if (name !== undefined) found.set(`${kind}:${id}`, name);
          }),
        );
      }
    }
    await Promise.all(jobs);
    return (kind, id) => found.get(`${kind}:${id}`);
  }
}

function headingOf(entity: string, what: string, part: string | null): string {
  if (part === null) return what;
  if (entity === 'progress_update') return `${what} (${part})`;
  return `${entityLabel(entity)} ${what.toLowerCase()}: ${part}`;
}

function whoOf(e: AuditEventWithUser): string {
  if (e.user_id === null) return SYSTEM_NAME;
  return e.user_name ?? 'Unknown user';
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
