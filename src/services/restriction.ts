import { z } from 'zod';

// The "restricted?" and "which exempt category?" fields that actions, progress updates and reports
// share. A restricted item names the paragraph of Schedule 12A (LGA 1972, src/domain/report-sections.ts)
// it relies on; an open one has none.

const CATEGORY = 'Select the exempt information category';

/** The Schedule 12A paragraph (1 to 7), or null for none. */
export function exemptParagraphField() {
  return z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? Number(v) : v),
    z.number({ error: CATEGORY }).int(CATEGORY).min(1, CATEGORY).max(7, CATEGORY).nullable(),
  );
}

/** The two fields, for a zod object. `restricted` left out (an import, an older form) keeps what the item has. */
export function restrictionFields(thing: string) {
  return {
    restricted: z.preprocess(
      (v) => (v === true ? 'yes' : v === false ? 'no' : v === '' || v === null ? undefined : v),
      z.enum(['yes', 'no'], { error: `Select whether the ${thing} is restricted` }).optional(),
    ),
    exemptParagraph: exemptParagraphField(),
  };
}

/** A restricted item must name its category. */
export function checkRestriction(v: { restricted?: 'yes' | 'no'; exemptParagraph: number | null }, ctx: z.RefinementCtx, thing: string): void {
  if (v.restricted === 'yes' && v.exemptParagraph === null) {
    ctx.addIssue({ code: 'custom', path: ['exemptParagraph'], message: `Select the exempt information category the restricted ${thing} relies on` });
  }
}

/** The paragraph to store: the one chosen when restricted, none when open, the item's own when the form did not say. */
export function exemptParagraphOf(v: { restricted?: 'yes' | 'no'; exemptParagraph: number | null }, current: number | null): number | null {
  if (v.restricted === undefined) return current;
  return v.restricted === 'yes' ? v.exemptParagraph : null;
}
