// Reads the rows under a table's header into goals, objectives and actions. Pure.
//
// Every row ends up somewhere the preview shows: in a goal, an objective or an action, or in a
// warning that names its line. Rows that carry on the row above (a title or narrative wrapped by a
// PDF, a cell cut at a page break) are joined to it; where that is a guess, a warning says so.
// Tables copied from Word put a goal or objective on a row of its own ("section rows"); spreadsheets
// and Waymark's exports repeat them on every row ("flat" tables, with a goal or objective-number
// column); both are read here.

import { ActionList, type Action } from './import-action-list.ts';
import { CODE_LIKE } from './import-action-row.ts';
import { cellText, has, normaliseHeader, type Field } from './import-headers.ts';
import { goalText, readGoalHeading, type GoalHeading } from './import-headings.ts';
import { Furniture } from './import-furniture.ts';
import { repeatsObjectives, sparseGoals } from './import-layout.ts';
import { Findings, Objectives, type CellUse } from './import-objectives.ts';
import { endsOpen, joinPieces, quote, startsMidSentence, Vocabulary } from './import-text.ts';
import type { ImportWarning, ParsedObjective } from './import-types.ts';
import { DEFAULT_STATUS_WORDS, type StatusWord } from './stages.ts';

/** What became of a source row, for tests that hold the reader to accounting for every row. */
export type RowUse = 'preamble' | 'title' | 'header' | 'goal' | 'objective' | 'action' | 'continuation' | 'skipped' | 'left-out';

export interface RowOptions {
  /** The 1-based source line of each row, for warnings; defaults to the row's index + 1. */
  lines?: readonly number[];
  /** The council's plan-year start month, for dates such as "2019/20". */
  yearStartMonth?: number;
  /** The council's status words (default: Waymark's). */
  vocabulary?: readonly StatusWord[];
  /**
   * Each row is a whole row of the original table (a spreadsheet, a Word table, records), so no
   * text wraps onto the next row: an objective cell is always an objective of its own.
   */
  wholeRows?: boolean;
  /** Told what became of each non-blank row (by its source line). */
  onRow?: (line: number, use: RowUse) => void;
  /** The goal of the rows before any heading among them (a heading just above the header). */
  initialGoal?: string | null;
}

/** What a row was read into, so that only a row carrying on the same thing is joined to it. */
type Part = 'goal' | 'objective' | 'action' | null;

export class RowReader {
  private readonly col: (f: Field) => number;
  private readonly objectiveCol: number;
  private readonly numberCol: number;
  private readonly actionCodeCol: number;
  private readonly titleCol: number;
  private readonly narrativeCol: number;
  private readonly whyCol: number;
  private readonly flat: boolean;
  private readonly furniture: Furniture;
  /** Each row's cells as plain text, worked out once: the row's shape is judged on these. */
  private readonly texts: string[][];
  private readonly sparseGoal: boolean;
  private readonly findings = new Findings();
  private readonly objectives: Objectives;
  private readonly actions: ActionList;
  private vocab: Vocabulary | null = null;
  /** What the previous row with content was read into: continuations only follow their own kind. */
  private prev: Part = null;

  constructor(
    private readonly rows: string[][],
    private readonly headerIndex: number,
    header: string[],
    mapping: (Field | null)[],
    private readonly opts: RowOptions,
  ) {
    this.col = (f) => mapping.indexOf(f);
    this.objectiveCol = this.col('objective');
    const codeCol = this.col('code');
    // A "No" column beside the priority column numbers the priorities, not the actions.
    this.numberCol =
      this.col('objectiveNumber') >= 0
        ? this.col('objectiveNumber')
        : this.objectiveCol >= 0 && codeCol >= 0 && codeCol < this.objectiveCol && has(normaliseHeader(header[codeCol] ?? ''), 'no', 'number', 'ref')
          ? codeCol
          : -1;
    this.actionCodeCol = this.numberCol === codeCol ? -1 : codeCol;
    this.titleCol = this.col('title');
    this.narrativeCol = this.col('narrative');
    this.whyCol = this.col('why');
    // Tables with their own goal or objective-number column (Waymark's exports, most spreadsheets)
    // repeat the objective on every row; tables copied from Word put it on its own rows instead.
    this.flat = this.col('objectiveNumber') >= 0 || this.col('goal') >= 0;
    const from = headerIndex + 1;
    this.texts = rows.map((cells, r) => (r >= from ? cells.map(cellText) : []));
    const numeric = [this.actionCodeCol, this.numberCol, this.col('percent'), this.col('weight')];
    const banner = rows.slice(0, Math.max(headerIndex, 0)).map((cells) => cells.map(cellText)).filter((t) => t.some((c) => c !== '')).at(-1) ?? null;
    this.furniture = new Furniture(this.texts, headerIndex, header.map(cellText), mapping, numeric, [this.numberCol, this.objectiveCol], banner);
    this.sparseGoal = sparseGoals(this.texts, from, this.col('goal'), this.numberCol, this.objectiveCol);
    this.actions = new ActionList(this.findings, {
      col: this.col,
      dateOpts: opts.yearStartMonth ? { yearStartMonth: opts.yearStartMonth } : {},
      statusWords: opts.vocabulary ?? DEFAULT_STATUS_WORDS,
      join: (a, b) => this.join(a, b),
    });
    this.objectives = new Objectives(
      this.findings,
      {
        wholeRows: opts.wholeRows ?? false,
        repeating: !this.flat && repeatsObjectives(this.texts, from, this.objectiveCol),
      },
      (a, b) => this.join(a, b),
    );
    if (opts.initialGoal) this.objectives.goal = { label: opts.initialGoal, name: '', line: 0 };
  }

  read(): { objectives: ParsedObjective[]; warnings: ImportWarning[] } {
    for (let r = this.headerIndex + 1; r < this.rows.length; r++) this.row(r);
    this.furniture.summarise(this.findings);
    // Warnings in source order; those found together keep the order they were found in.
    const warnings = [...this.findings.list].sort((a, b) => a.line - b.line);
    return { objectives: this.objectives.list, warnings };
  }

  private lineOf(r: number): number {
    return this.opts.lines?.[r] ?? r + 1;
  }

  private use(r: number, use: RowUse, part: Part = null): void {
    this.opts.onRow?.(this.lineOf(r), use);
    // Page furniture between two pieces of a wrapped title does not part them.
    if (use !== 'skipped') this.prev = part;
  }

  private leftOut(r: number, message: string): void {
    this.findings.add(this.lineOf(r), message);
    this.use(r, 'left-out');
  }

  /** The document's words, built the first time a cut word needs them. */
  private vocabulary(): Vocabulary {
    this.vocab ??= new Vocabulary(this.rows.flatMap((cells, r) => (r > this.headerIndex ? (this.texts[r] ?? []) : cells.map(cellText))));
    return this.vocab;
  }

  private join(a: string, b: string): string {
    return joinPieces([a, b], this.vocabulary()).text;
  }

  private text(texts: string[], i: number): string {
    return i >= 0 ? (texts[i] ?? '') : '';
  }

  /** The action read last, while it still belongs to the current objective (a row may carry it on). */
  private lastAction(): Action | null {
    const last = this.actions.last;
    return last && last.objective.o === this.objectives.cur?.o ? last : null;
  }

  private newAction(cells: string[], texts: string[], r: number, code: string | null, title: string): void {
    this.actions.add(this.objectives.current(), cells, this.lineOf(r), code, title);
    this.furniture.noteUnread(texts, this.lineOf(r));
    this.use(r, 'action', 'action');
  }

  private continueAction(st: Action, cells: string[], texts: string[], cols: number[], r: number, guess: boolean): void {
    this.actions.carryOn(st, cells, cols, this.lineOf(r), guess);
    this.furniture.noteUnread(texts, this.lineOf(r));
    this.use(r, 'continuation', 'action');
  }

  // ---- one row --------------------------------------------------------------------------------

  private row(r: number): void {
    const raw = this.rows[r] ?? [];
    const rawTexts = this.texts[r] ?? [];
    if (rawTexts.every((t) => t === '')) return;
    if (this.furniture.skip(r, this.lineOf(r), rawTexts)) {
      this.use(r, 'skipped');
      return;
    }
    const cells = this.furniture.unshift(rawTexts, raw);
    const texts = this.furniture.unshift(rawTexts, rawTexts);
    if (this.flat) this.flatRow(cells, texts, r);
    else this.sectionedRow(cells, texts, r);
  }

  /** The goal heading a row holds, if it is one (and not an objective beside an action). */
  private heading(texts: string[], filled: { i: number; t: string }[]): GoalHeading | null {
    if (CODE_LIKE.test(this.text(texts, this.actionCodeCol))) return null;
    // Cheap first: the keyword near the start, even cut in two ("Prio" + "rity").
    if (!/goal|priority|theme|ambition/iu.test(filled.map((c) => c.t).join('').slice(0, 80))) return null;
    const title = this.text(texts, this.titleCol);
    if (title && filled.length > 1 && !startsMidSentence(title)) {
      // "Priority 2: Cleaner streets" beside "Sweep the high street" is an objective and its action.
      const before = filled.filter((c) => c.i < this.titleCol);
      if (before.length > 0 && readGoalHeading(before.map((c) => c.t))) return null;
      if (filled.some((c) => c.i > this.titleCol && !startsMidSentence(c.t))) return null;
    }
    return readGoalHeading(
      filled.map((c) => c.t),
      this.vocabulary(),
    );
  }

  private setGoal(h: GoalHeading, r: number): void {
    this.objectives.setGoal(h, this.lineOf(r));
    this.actions.last = null;
    this.use(r, 'goal', 'goal');
  }

  /** Tables copied from Word or a PDF: goals and objectives on rows of their own. */
  private sectionedRow(cells: string[], texts: string[], r: number): void {
    const line = this.lineOf(r);
    const filled = texts.map((t, i) => ({ i, t })).filter((c) => c.t !== '');
    const titleText = this.text(texts, this.titleCol);
    const codeText = this.text(texts, this.actionCodeCol);
    const only = filled.length === 1 ? filled[0] : undefined;

    const h = this.heading(texts, filled);
    if (h) {
      this.setGoal(h, r);
      return;
    }
    // A goal heading wrapped onto the next line.
    const g = this.objectives.goal;
    if (g && this.prev === 'goal' && only && only.i !== this.narrativeCol && (startsMidSentence(only.t) || endsOpen(g.name) || g.name === '')) {
      const guess = g.name === '' && !startsMidSentence(only.t);
      g.name = g.name ? this.join(g.name, only.t) : only.t;
      if (guess) this.findings.add(line, `${quote(only.t)} was read as the name of the goal heading on line ${g.line}`);
      this.use(r, 'continuation', 'goal');
      return;
    }
    if (only && only.i === this.narrativeCol) {
      const st = this.lastAction();
      if (st) this.continueAction(st, cells, texts, [only.i], r, false);
      else this.leftOut(r, 'Progress text with no action above it was ignored');
      return;
    }
    if (only && only.i === this.actionCodeCol && CODE_LIKE.test(only.t)) {
      this.leftOut(r, `Action ${only.t} has no title, so it was left out`);
      return;
    }
    const objectiveCols = [this.objectiveCol, this.numberCol, this.whyCol];
    if (only && !objectiveCols.includes(only.i) && this.loneCell(cells, texts, only, r)) return;

    let objectiveUse: CellUse = 'none';
    const objectiveText = this.text(texts, this.objectiveCol);
    const numberText = this.text(texts, this.numberCol);
    if (this.objectiveCol >= 0 && (objectiveText || numberText)) {
      objectiveUse = this.objectives.cell(numberText, objectiveText, line, titleText !== '', this.prev === 'objective');
      // A numbered objective below the start of its own title takes the actions read beside it.
      const last = this.actions.last;
      if (last && this.objectives.claimed.includes(last.a) && this.objectives.cur) last.objective = this.objectives.cur;
    }
    const why = this.text(texts, this.whyCol);
    if (why && this.objectives.cur) {
      this.objectives.addWhy(this.objectives.cur.o, why);
      if (objectiveUse === 'none') objectiveUse = 'continued';
    }

    const rest = filled.filter((c) => !objectiveCols.includes(c.i));
    const st = objectiveUse === 'new' ? null : this.lastAction();
    if (!titleText && !codeText) {
      if (rest.length === 0) this.use(r, objectiveUse === 'continued' ? 'continuation' : 'objective', 'objective');
      // Text beside an empty action column carries on the action above, if it still belongs to it.
      else if (st) this.continueAction(st, cells, texts, rest.map((c) => c.i), r, rest.some((c) => c.i !== this.narrativeCol && !this.actions.carriesOn(st, c.t, c.i)));
      else this.leftOut(r, `A row with no action title was left out: ${quote(rest.map((c) => c.t).join(' '))}`);
      return;
    }
    if (!titleText) {
      this.leftOut(r, CODE_LIKE.test(codeText) ? `Action ${codeText} has no title, so it was left out` : `A row with no action title was left out: ${quote(filled.map((c) => c.t).join(' '))}`);
      return;
    }
    // An action title wrapped onto the next row: no code, and it starts mid-sentence or the title above stops mid-phrase.
    if (!codeText && !this.opts.wholeRows && st && this.actions.carriesOn(st, titleText, this.titleCol)) {
      this.continueAction(st, cells, texts, rest.map((c) => c.i), r, false);
      return;
    }
    this.newAction(cells, texts, r, codeText || null, titleText);
  }

  /**
   * A row with one filled cell outside the objective columns: a section row (an objective, perhaps
   * numbered and with its Why), or a wrapped piece of the objective or action above. Returns false
   * when the row is an ordinary action (a lone title in a table with an objective column).
   */
  private loneCell(cells: string[], texts: string[], only: { i: number; t: string }, r: number): boolean {
    if (this.objectiveCol >= 0 && only.i === this.titleCol) return false;
    const st = this.lastAction();
    if (st && this.titleCol >= 0 && (only.i > this.titleCol || (only.i === this.titleCol && this.actions.carriesOn(st, only.t, only.i)))) {
      // A lone cell in an action's columns is the rest of that cell above, cut by a wrap or a page.
      this.continueAction(st, cells, texts, [only.i], r, !this.actions.carriesOn(st, only.t, only.i));
      return true;
    }
    const cur = this.objectives.cur;
    if (!this.opts.wholeRows && cur && this.prev === 'objective' && cur.o.actions.length === 0 && (startsMidSentence(only.t) || endsOpen(cur.o.title))) {
      this.objectives.continueTitle(cur, only.t);
      this.use(r, 'continuation', 'objective');
      return true;
    }
    this.objectives.section(only.t, this.lineOf(r));
    this.actions.last = null;
    this.use(r, 'objective', 'objective');
    return true;
  }

  /** Spreadsheets and Waymark's exports: the goal and objective repeated on every row. */
  private flatRow(cells: string[], texts: string[], r: number): void {
    const filled = texts.map((t, i) => ({ i, t })).filter((c) => c.t !== '');
    const goalCol = this.col('goal');
    const only = filled.length === 1 ? filled[0] : undefined;
    // A goal heading on a row of its own sets the goal for the rows below that leave theirs blank.
    const lone = only && only.i !== goalCol && only.i !== this.titleCol ? readGoalHeading([only.t]) : null;
    if (lone) {
      this.setGoal(lone, r);
      return;
    }
    const g = this.text(texts, goalCol);
    const numberText = this.text(texts, this.numberCol);
    const objectiveText = this.text(texts, this.objectiveCol);
    const heading = g ? (readGoalHeading([g]) ?? { label: g, name: '' }) : null;
    if ((heading ? goalText(heading) : null) !== this.objectives.goalString() && (heading !== null || ((numberText || objectiveText) && !this.sparseGoal))) {
      this.objectives.goal = heading ? { ...heading, line: this.lineOf(r) } : null;
      this.objectives.cur = null;
    }
    if (numberText || objectiveText) this.objectives.flat(numberText, objectiveText, this.text(texts, this.whyCol) || null);
    const titleText = this.text(texts, this.titleCol);
    const codeText = this.text(texts, this.actionCodeCol);
    if (titleText) {
      this.newAction(cells, texts, r, codeText || null, titleText);
      return;
    }
    if (codeText) {
      this.leftOut(r, CODE_LIKE.test(codeText) ? `Action ${codeText} has no title, so it was left out` : `A row with no action title was left out: ${quote(filled.map((c) => c.t).join(' '))}`);
      return;
    }
    const rest = filled.filter((c) => ![goalCol, this.numberCol, this.objectiveCol, this.whyCol].includes(c.i));
    const st = this.lastAction();
    const part = numberText || objectiveText ? 'objective' : 'goal';
    if (rest.length === 0) this.use(r, part, part);
    else if (st && rest.every((c) => c.i === this.narrativeCol)) this.continueAction(st, cells, texts, [this.narrativeCol], r, false);
    else this.leftOut(r, `A row with no action title was left out: ${quote(rest.map((c) => c.t).join(' '))}`);
  }
}
