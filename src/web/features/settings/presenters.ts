import { MONTHS } from '../../../domain/dates.ts';
import type { ReportStyle, SectionKey } from '../../../domain/report-sections.ts';
import { SECTION_KEYS } from '../../../domain/report-sections.ts';
import { STAGE_LABELS, STAGES } from '../../../domain/stages.ts';
import { selectItems } from '../../items.ts';

// The settings pages' view models (see docs/architecture.md, Presenters).

type Errors = Record<string, string> | undefined;
const settingsCrumbs = [{ text: 'Settings', href: '/settings' }];

const MONTH_OPTIONS = MONTHS.map((name, i) => ({ value: String(i + 1), text: name }));

/** The settings form's values from the council's row. */
export function settingsFormValues(council: { name: string; year_start_month: number; roles: readonly string[]; councillors_read_drafts: number }) {
  return { name: council.name, yearStartMonth: String(council.year_start_month), actionRoles: council.roles.join('\n'), councillorsReadDrafts: council.councillors_read_drafts === 1 ? 'yes' : 'no' };
}

/** /settings: the council's name, the month its plan year starts, action roles, councillors and drafts. */
export function settingsPage(input: { values: Record<string, unknown>; errors?: Errors }) {
  return { title: 'Settings', section: 'settings', months: MONTH_OPTIONS, ...input };
}

export interface WordRow {
  word: string;
  stage: string;
}

/** /settings/status-words: a row per word (and blank rows to add more), each with its stage choices. */
export function statusWordsPage(input: { rows: readonly WordRow[]; errors?: Errors }) {
  return {
    title: 'Status words',
    section: 'settings',
    rows: input.rows.map((r, i) => ({ word: r.word, stage: r.stage, index: i, stageItems: selectItems(STAGES, (s) => s, (s) => STAGE_LABELS[s], r.stage, 'Select a stage') })),
    errors: input.errors,
    breadcrumbs: settingsCrumbs,
  };
}

/** "Green when actual % complete is at least 90% of the expected % …", with a worked example. */
export function ragRule(s: { greenPercent: number; amberPercent: number; graceDays: number }): { rule: string; example: string; lock: string } {
  const at = (p: number) => `${Math.round(p * 50) / 100}%`;
  return {
    rule: `Green when actual % complete is at least ${s.greenPercent}% of the expected % complete, amber when it is at least ${s.amberPercent}%, and red below that. An action past its due date and not complete is red.`,
    example: `For example, when 50% is expected by now: ${at(s.greenPercent)} or more is green, ${at(s.amberPercent)} or more is amber, and less than ${at(s.amberPercent)} is red.`,
    lock: s.graceDays
      ? `A reporting period takes updates until ${s.graceDays} day${s.graceDays === 1 ? '' : 's'} after its due date, then it is locked.`
      : 'A reporting period takes updates until its due date, then it is locked.',
  };
}

/** /settings/rag: the thresholds, the rule they make in words, and the form (the values now unless typed). */
export function ragPage(input: { current: { greenPercent: number; amberPercent: number; graceDays: number }; values?: Record<string, string>; errors?: Errors }) {
  const { current } = input;
  return {
    title: 'Traffic-light thresholds',
    section: 'settings',
    explained: ragRule(current),
    values: input.values ?? { greenPercent: String(current.greenPercent), amberPercent: String(current.amberPercent), graceDays: String(current.graceDays) },
    errors: input.errors,
    breadcrumbs: settingsCrumbs,
  };
}

/** What each cover report section is for, whatever the council calls it. */
const SECTION_LABELS: Record<SectionKey, string> = {
  purpose: 'Purpose',
  background: 'Background',
  main: 'Main report',
  considerations: 'Other considerations (implications)',
  recommendations: 'Recommendations',
  documents: 'Appendices and background papers',
};

const STYLE_CHOICES: readonly { value: ReportStyle['key']; text: string; hint: string }[] = [
  {
    value: 'england',
    text: 'England',
    hint: 'Sections numbered 1, 2, 3 with paragraphs 1.1, 1.2. Implications: financial, legal, human resources, risk, equality and climate.',
  },
  {
    value: 'northern_ireland',
    text: 'Northern Ireland',
    hint: 'Sections numbered 1.0, 2.0, 3.0 with paragraphs 1.1, 1.2. Other considerations: financial, human resources and risk; screening for equality, good relations and rural needs.',
  },
];

export interface StyleValues {
  base: string;
  headings: Record<string, string>;
  include: string[];
  considerations: string;
}

/** /settings/report-style: the base style, each section's heading and whether it is included. */
export function reportStylePage(input: { values: StyleValues; errors?: Errors }) {
  const { values } = input;
  return {
    title: 'Committee report style',
    section: 'settings',
    baseItems: STYLE_CHOICES.map((c) => ({ value: c.value, text: c.text, hint: { text: c.hint }, checked: c.value === values.base })),
    sections: SECTION_KEYS.map((key) => ({ key, label: SECTION_LABELS[key], heading: values.headings[key] ?? '', included: key === 'purpose' || values.include.includes(key) })),
    includeItems: SECTION_KEYS.filter((k) => k !== 'purpose').map((key) => ({ value: key, text: SECTION_LABELS[key], checked: values.include.includes(key) })),
    errorAnchors: { base: 'base' },
    breadcrumbs: settingsCrumbs,
    ...input,
  };
}

/** /settings/update-cycle: sign-off, reminders and what reports use (the settings now unless typed). */
export function updateCyclePage(input: { current: { requireApproval: boolean; reminderDaysBefore: number; reportsApprovedOnly: boolean }; values?: Record<string, string>; errors?: Errors }) {
  const { current } = input;
  return {
    title: 'Update cycle',
    section: 'settings',
    values: input.values ?? {
      requireApproval: current.requireApproval ? 'yes' : 'no',
      reminderDaysBefore: String(current.reminderDaysBefore),
      reportsApprovedOnly: current.reportsApprovedOnly ? 'yes' : 'no',
    },
    errors: input.errors,
    breadcrumbs: settingsCrumbs,
  };
}
