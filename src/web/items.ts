// Builds the `items` arrays that govuk-frontend's select, radios and checkboxes macros take.

import { EXEMPT_CATEGORIES } from '../domain/report-sections.ts';

export interface Item {
  value: string;
  text: string;
  selected?: boolean;
  checked?: boolean;
  hint?: { text: string };
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function selectItems<T>(rows: readonly T[], value: (r: T) => unknown, label: (r: T) => string, selected: unknown, blank?: string): Item[] {
  const items = rows.map((r) => ({ value: str(value(r)), text: label(r), selected: str(value(r)) === str(selected) }));
  return blank === undefined ? items : [{ value: '', text: blank, selected: str(selected) === '' }, ...items];
}

export function radioItems(values: readonly string[], label: (v: string) => string, checked: unknown): Item[] {
  return values.map((v) => ({ value: v, text: label(v), checked: v === str(checked) }));
}

export function checkboxItems<T>(rows: readonly T[], value: (r: T) => unknown, label: (r: T) => string, checked: unknown): Item[] {
  const set = new Set((Array.isArray(checked) ? checked : checked === undefined || checked === null ? [] : [checked]).map(str));
  return rows.map((r) => ({ value: str(value(r)), text: label(r), checked: set.has(str(value(r))) }));
}

/** The "restricted?" radios and the exempt-category select that actions, updates and reports share. */
export function restrictionItems(restricted: unknown, exemptParagraph: unknown, openText: string): { restrictedItems: Item[]; exemptItems: Item[] } {
  return {
    restrictedItems: [
      { value: 'no', text: openText, checked: str(restricted) !== 'yes' },
      { value: 'yes', text: 'Yes, it contains exempt information', checked: str(restricted) === 'yes' },
    ],
    exemptItems: selectItems(EXEMPT_CATEGORIES, (c) => c.paragraph, (c) => `Paragraph ${c.paragraph}: ${c.text}`, exemptParagraph, 'Not restricted, or select a category'),
  };
}
