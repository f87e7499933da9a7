// The cover report of a committee paper: its sections, their numbering, and the exempt-information
// categories a restricted report may rely on. Councils differ (English councils number "1, 1.1";
// Northern Irish councils "1.0, 1.1" and ask for screening on equality, good relations and rural
// needs), so each council keeps its own set, starting from one of the defaults here. Pure.

/**
 * The descriptions of exempt information in Part 1 of Schedule 12A to the Local Government Act 1972
 * (paragraphs 1 to 7). A restricted report names the paragraph it relies on.
 */
export const EXEMPT_CATEGORIES: readonly { paragraph: number; text: string }[] = [
  { paragraph: 1, text: 'Information relating to any individual.' },
  { paragraph: 2, text: 'Information which is likely to reveal the identity of an individual.' },
  { paragraph: 3, text: 'Information relating to the financial or business affairs of any particular person (including the authority holding that information).' },
  {
    paragraph: 4,
    text: 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.',
  },
  { paragraph: 5, text: 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.' },
  {
    paragraph: 6,
    text: 'Information which reveals that the authority proposes (a) to give under any enactment a notice under or by virtue of which requirements are imposed on a person; or (b) to make an order or direction under any enactment.',
  },
  { paragraph: 7, text: 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.' },
];

export function exemptCategory(paragraph: number | null): { paragraph: number; text: string } | null {
  return EXEMPT_CATEGORIES.find((c) => c.paragraph === paragraph) ?? null;
}

export const SECTION_KEYS = ['purpose', 'background', 'main', 'considerations', 'recommendations', 'documents'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** A group of "Other considerations" lines, each answered in the report ("Financial: None"). */
export interface ConsiderationGroup {
  heading: string;
  items: string[];
}

export interface ReportStyle {
  key: 'england' | 'northern_ireland';
  /** "1" and "1.1" (plain) or "1.0" and "1.1" (decimal). */
  numbering: 'plain' | 'decimal';
  /** The heading of each section, in order; a section left out is not in the list. */
  sections: { key: SectionKey; heading: string }[];
  considerations: ConsiderationGroup[];
}

export const REPORT_STYLES: Record<ReportStyle['key'], ReportStyle> = {
  england: {
    key: 'england',
    numbering: 'plain',
    sections: [
      { key: 'purpose', heading: 'Purpose of the report' },
      { key: 'background', heading: 'Background' },
      { key: 'main', heading: 'Main report' },
      { key: 'considerations', heading: 'Implications' },
      { key: 'recommendations', heading: 'Recommendations' },
      { key: 'documents', heading: 'Appendices and background papers' },
    ],
    considerations: [
      { heading: 'Financial, legal and human resources implications', items: ['Financial', 'Legal', 'Human resources'] },
      { heading: 'Risk management', items: ['Risk management'] },
      { heading: 'Equality and climate impact', items: ['Equality (public sector equality duty)', 'Climate and environment'] },
    ],
  },
  northern_ireland: {
    key: 'northern_ireland',
    numbering: 'decimal',
    sections: [
      { key: 'purpose', heading: 'Purpose of Report' },
      { key: 'background', heading: 'Background' },
      { key: 'main', heading: 'Main Report' },
      { key: 'considerations', heading: 'Other Considerations' },
      { key: 'recommendations', heading: 'Recommendation(s)' },
      { key: 'documents', heading: 'Documents Attached & References' },
    ],
    considerations: [
      { heading: 'Financial, Human Resources & Risk Implications', items: ['Financial', 'Human resources', 'Risk management'] },
      { heading: 'Screening & Impact Assessments', items: ['Equality & good relations implications', 'Rural needs implications'] },
    ],
  },
};

/** "1" or "1.0" for a section number. */
export function sectionNumber(n: number, numbering: ReportStyle['numbering']): string {
  return numbering === 'decimal' ? `${n}.0` : String(n);
}

/** Blocks of text separated by blank lines: each becomes one numbered paragraph. */
export function paragraphsOf(text: string | null | undefined): string[] {
  return (text ?? '')
    .replace(/\r\n?/gu, '\n')
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Checks a council's own style: every section key at most once, headings present, considerations named. */
export function checkStyle(style: ReportStyle): string | null {
  const keys = style.sections.map((s) => s.key);
  if (new Set(keys).size !== keys.length) return 'Each section can appear only once';
  if (!keys.includes('purpose')) return 'The report must have a purpose section';
  if (style.sections.some((s) => !s.heading.trim())) return 'Give every section a heading';
  if (style.considerations.some((g) => !g.heading.trim() || g.items.some((i) => !i.trim()))) return 'Give every consideration a heading and name each line';
  return null;
}
