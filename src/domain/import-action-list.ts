// The actions of an imported table as its rows are read: a row read as a new action, and rows that
// carry on the action above (a title, narrative or lead officer wrapped onto the next line, a date
// cut in two), joined cell by cell and read again. Pure.

import { readAction } from './import-action-row.ts';
import { cellParagraphs, cellText, type Field } from './import-headers.ts';
import type { Findings, Objective } from './import-objectives.ts';
import { endsOpen, quote, startsMidSentence } from './import-text.ts';
import type { ImportWarning, ParsedAction } from './import-types.ts';
import type { StatusWord } from './stages.ts';

export interface Action {
  a: ParsedAction;
  /** The row's cells, with continuation rows joined in, so the action can be read again. */
  cells: string[];
  /** The warnings reading it gave, taken back when it is read again. */
  warnings: ImportWarning[];
  objective: Objective;
}

export interface ActionColumns {
  col: (f: Field) => number;
  dateOpts: { yearStartMonth?: number };
  statusWords: readonly StatusWord[];
  /** Joins two pieces of one cell's text (see joinPieces). */
  join: (a: string, b: string) => string;
}

export class ActionList {
  last: Action | null = null;
  private readonly titleCol: number;
  private readonly narrativeCol: number;
  private readonly lists: number[];

  constructor(
    private readonly findings: Findings,
    private readonly columns: ActionColumns,
  ) {
    const { col } = columns;
    this.titleCol = col('title');
    this.narrativeCol = col('narrative');
    this.lists = [col('leads'), col('impacts'), col('partnerships')];
  }

  private read(cells: string[], code: string | null, title: string, line: number, warnings: ImportWarning[]): ParsedAction {
    return readAction(cells, this.columns.col, {
      code,
      title,
      narrative: this.narrativeCol >= 0 ? cellParagraphs(cells[this.narrativeCol]) : '',
      line,
      warnings,
      dateOpts: this.columns.dateOpts,
      vocabulary: this.columns.statusWords,
    });
  }

  /** A row read as a new action of the objective. */
  add(objective: Objective, cells: string[], line: number, code: string | null, title: string): void {
    const warnings: ImportWarning[] = [];
    const a = this.read(cells, code, title, line, warnings);
    this.findings.list.push(...warnings);
    objective.o.actions.push(a);
    this.last = { a, cells: [...cells], warnings, objective };
  }

  /**
   * Joins the filled cells `cols` of a row that carries on the action above and reads the action
   * again from the joined cells; `guess` says the row might as well have been something else, which
   * a warning then says.
   */
  carryOn(st: Action, cells: string[], cols: number[], line: number, guess: boolean): void {
    for (const i of cols) {
      const more = cells[i] ?? '';
      const before = st.cells[i] ?? '';
      while (st.cells.length <= i) st.cells.push('');
      if (cellText(before) === '') st.cells[i] = more;
      else if (i === this.narrativeCol) st.cells[i] = `${before} ${more}`;
      // A list cell's next line is another name, unless the line above stopped mid-name.
      else if (this.lists.includes(i) && !this.carriesOn(st, cellText(more), i)) st.cells[i] = `${before}\n${more}`;
      else st.cells[i] = this.columns.join(cellText(before), cellText(more));
    }
    for (const w of st.warnings) this.findings.remove(w);
    st.warnings.length = 0;
    const first = st.a.line ?? line;
    Object.assign(st.a, this.read(st.cells, st.a.code, cellText(st.cells[this.titleCol]) || st.a.title, first, st.warnings));
    this.findings.list.push(...st.warnings);
    if (guess) {
      const text = cols.map((i) => cellText(cells[i])).join(' ');
      this.findings.add(line, `${quote(text)} was read as more of the action on line ${first} (${quote(st.a.title, 60)})`);
    }
  }

  /** Whether a piece of text in column i carries on the same column of the action above. */
  carriesOn(st: Action, text: string, i: number): boolean {
    const before = cellText(st.cells[i]);
    return startsMidSentence(text) || (before !== '' && endsOpen(before));
  }
}
