// The goals and objectives of an imported table as its rows are read: which objective a row's
// objective cell starts or carries on, and the warnings that say where that was a guess. Pure.

import { goalText, splitObjectiveText, type GoalHeading } from './import-headings.ts';
import { endsOpen, quote, startsMidSentence } from './import-text.ts';
import type { ImportWarning, ParsedAction, ParsedObjective } from './import-types.ts';

/** The warnings of one read, which a later row may take back (a guess it settles). */
export class Findings {
  readonly list: ImportWarning[] = [];

  add(line: number, message: string): ImportWarning {
    const w = { line, message };
    this.list.push(w);
    return w;
  }

  remove(w: ImportWarning | null): void {
    const i = w ? this.list.indexOf(w) : -1;
    if (i >= 0) this.list.splice(i, 1);
  }
}

export interface Objective {
  o: ParsedObjective;
  /** The line it was first read from (0 when it was found again by its number or title). */
  line: number;
}

export interface ObjectiveRules {
  /** Rows are whole rows of the original table: an objective cell never carries on the one above. */
  wholeRows: boolean;
  /** A spreadsheet that repeats each objective on every row of its actions. */
  repeating: boolean;
}

export type CellUse = 'new' | 'same' | 'continued' | 'none';

const CONTINUED = /\s*\(?\b(?:continued|cont['’]?d)\b\)?\.?\s*$/iu;

/** The same title, however it is capitalised ("Cleaner streets", "Cleaner Streets"), as the writer matches them. */
export const sameTitle = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class Objectives {
  readonly list: ParsedObjective[] = [];
  goal: { label: string; name: string; line: number } | null = null;
  cur: Objective | null = null;
  /** Actions the last numbered objective took over from an unnumbered one that began its title. */
  claimed: ParsedAction[] = [];

  constructor(
    private readonly findings: Findings,
    private readonly rules: ObjectiveRules,
    private readonly join: (a: string, b: string) => string,
  ) {}

  setGoal(h: GoalHeading, line: number): void {
    this.goal = { label: h.label, name: h.name, line };
    this.cur = null;
    if (h.uncertain) this.findings.add(line, `A heading split across cells was read as ${quote(goalText(h), 120)}: check its wording`);
  }

  goalString(): string | null {
    return this.goal ? goalText(this.goal) : null;
  }

  start(number: string | null, title: string, why: string | null, line = 0): Objective {
    const o: ParsedObjective = { number, title, why, goal: this.goalString(), actions: [] };
    this.list.push(o);
    this.cur = { o, line };
    return this.cur;
  }

  /**
   * The objective already read with this number (or, unnumbered, this title) under the current
   * goal; with `exact`, a numbered one must have this title too.
   */
  find(number: string | null, title: string, exact = false): Objective | null {
    const goal = this.goalString();
    const o = this.list.find((x) => x.goal === goal && (number !== null ? x.number === number && (!exact || sameTitle(x.title, title)) : x.number === null && sameTitle(x.title, title)));
    if (!o) return null;
    return this.cur?.o === o ? this.cur : { o, line: 0 };
  }

  addWhy(o: ParsedObjective, why: string | null): void {
    if (why && !(o.why ?? '').includes(why)) o.why = o.why ? `${o.why} ${why}` : why;
  }

  /** Actions with no objective row above them (or after a new goal heading) go under "Actions". */
  current(): Objective {
    return this.cur ?? this.find(null, 'Actions') ?? this.start(null, 'Actions', null);
  }

  /**
   * An objective cell (and its number), on a row that may also hold an action. In text that may
   * wrap (a PDF), an unnumbered piece is the rest of the title above when it starts mid-sentence or
   * the title above stops mid-phrase, or (with a warning) when it is alone on the row after the
   * objective's own row; otherwise it is an objective of its own. A spreadsheet that repeats
   * objectives never wraps: one objective per distinct title, in order.
   * `afterObjectiveRow`: the row above held only this objective.
   */
  cell(numberText: string, text: string, line: number, hasAction: boolean, afterObjectiveRow: boolean): CellUse {
    const { number, title: rawTitle, why } = splitObjectiveText(numberText, text);
    const title = rawTitle.replace(CONTINUED, '');
    const cur = this.cur;
    this.claimed = [];
    if (number !== null) {
      const same = cur?.o.number === number ? cur : this.rules.repeating ? this.find(number, title) : null;
      if (same) {
        if (same.o.title === '' && title) same.o.title = title;
        this.addWhy(same.o, why);
        this.cur = same;
        return 'same';
      }
      let full = title;
      if (!this.rules.wholeRows && title && startsMidSentence(title)) {
        const begun = cur ? this.claim(cur, number, line) : '';
        if (begun) full = this.join(begun, title);
        else this.findings.add(line, `Objective ${number}’s title starts mid-sentence (${quote(title)}): its beginning may be on an earlier line or page`);
      }
      this.start(number, full, why, line).o.actions.push(...this.claimed);
      return 'new';
    }
    if (!title && !why) return 'none';
    if (!title) {
      if (cur) this.addWhy(cur.o, why);
      else this.start(null, '', why, line);
      return cur ? 'continued' : 'new';
    }
    if (cur && sameTitle(cur.o.title, title)) {
      this.addWhy(cur.o, why);
      return 'same';
    }
    const whole = this.rules.repeating || this.rules.wholeRows;
    const existing = whole ? this.find(null, title) : null;
    if (existing) {
      this.addWhy(existing.o, why);
      this.cur = existing;
      return 'same';
    }
    if (!cur || whole) {
      this.start(null, title, why, line);
      return 'new';
    }
    if (cur.o.title === '') {
      cur.o.title = title;
      this.addWhy(cur.o, why);
      return 'continued';
    }
    const wraps = startsMidSentence(title) || endsOpen(cur.o.title);
    const guess = !wraps && !hasAction && afterObjectiveRow && cur.o.actions.length === 0;
    if (!wraps && !guess) {
      // Two unnumbered titles, the first alone on its row with no actions: perhaps one title over two lines.
      if (afterObjectiveRow && hasAction && cur.o.number === null && cur.o.actions.length === 0) {
        this.findings.add(line, `${quote(title)} was read as an objective of its own, so the objective above it (${quote(cur.o.title, 60)}) has no actions: if they are one title over two lines, join them in the file and import it again`);
      }
      this.start(null, title, why, line);
      return 'new';
    }
    if (guess) this.findings.add(line, `${quote(title)} was read as the rest of the title of objective ${cur.o.number ?? quote(cur.o.title, 60)} on the row above`);
    this.continueTitle(cur, title);
    this.addWhy(cur.o, why);
    return 'continued';
  }

  /** A piece of the current objective's title from a later row. */
  continueTitle(cur: Objective, text: string): void {
    cur.o.title = this.join(cur.o.title, text);
  }

  /** A section row: an objective, perhaps numbered and with its Why; the same one again after a page break. */
  section(text: string, line: number): void {
    const clean = text.replace(CONTINUED, '');
    const o = splitObjectiveText('', clean);
    // "Why: …" on a row of its own is the reason for the objective above.
    if (!o.title && o.why && this.cur) {
      this.addWhy(this.cur.o, o.why);
      return;
    }
    const title = o.title || clean;
    const existing = this.find(o.number, title);
    if (existing && (o.number !== null || sameTitle(existing.o.title, title))) {
      this.addWhy(existing.o, o.why);
      this.cur = existing;
    } else {
      this.start(o.number, title, o.why, line);
    }
  }

  /** A flat table's objective: one per number and title under each goal, in the order they first appear. */
  flat(numberText: string, title: string, why: string | null): void {
    const number = splitObjectiveText(numberText, '').number ?? (numberText || null);
    const name = title || `Objective ${number ?? ''}`.trim();
    // The same number with another title is two objectives, as the source says.
    const existing = this.find(number, name, true) ?? (number !== null && !title ? this.find(number, name) : null);
    if (!existing) {
      this.start(number, name, why);
      return;
    }
    if (why && !existing.o.why) existing.o.why = why;
    this.cur = existing;
  }

  /**
   * A numbered objective whose title starts mid-sentence, just after an unnumbered one: a PDF
   * centres the number in a tall cell, so the title's first line sits on a row above the number,
   * where it was read as an objective of its own. That one is folded into the numbered one, with
   * the actions read beside it (left in `claimed`).
   */
  private claim(cur: Objective, number: string, line: number): string {
    const o = cur.o;
    if (o.number !== null || this.list[this.list.length - 1] !== o || cur.line === 0 || startsMidSentence(o.title)) return '';
    this.list.pop();
    this.claimed = o.actions;
    const n = o.actions.length;
    const actions = n === 0 ? '' : `, with the ${n === 1 ? 'action' : `${n} actions`} read beside it`;
    this.findings.add(cur.line, `${quote(o.title)} (line ${cur.line}) was read as the start of objective ${number}’s title, which carries on at line ${line}${actions}`);
    return o.title;
  }
}
