import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatUkDate } from '../domain/dates.ts';
import { ACTION_TEXT_FIELDS } from '../domain/fields/action-fields.ts';
import { RAG_LABELS, RAG_SYMBOLS, type Rag } from '../domain/rag.ts';
import { exemptCategory } from '../domain/report-sections.ts';
import { STAGE_LABELS, type Stage } from '../domain/stages.ts';
import { ACTION_KIND_LABELS, ORG_UNIT_KIND_LABELS, PLAN_KIND_LABELS, USER_ROLE_LABELS } from '../domain/vocabulary.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** govuk-frontend's dist folder, holding `govuk/components/*` macros and the compiled CSS and JS. */
export const govukDist = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');

export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([path.join(here, 'views'), path.join(here, 'features'), govukDist], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // Nunjucks' own trim is the regex /^\s*|\s*$/g, which retries at every space of every run of
  // indentation in a long caller() body: on the council overview it cost a tenth of the render.
  // String.prototype.trim strips exactly the characters \s matches, keeping the string's safeness.
  env.addFilter('trim', (v: unknown) => {
    const trimmed = String.prototype.trim.call(v);
    return v instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter('ukDate', (v: string | null | undefined) => formatUkDate(v));
  // An action's plain text fields (src/domain/fields/action-fields.ts), for the form, page and plan table that loop over them.
  env.addGlobal('actionTextFields', ACTION_TEXT_FIELDS);
  // Summary list rows for a record's plain text fields that its page shows: "Not set" when blank.
  env.addGlobal('textRows', (fields: readonly { label: string; column: string; view: boolean }[], record: Record<string, unknown>) =>
    fields.filter((f) => f.view).map((f) => ({ key: { text: f.label }, value: { text: record[f.column] || 'Not set' } })),
  );
  // "Paragraph 3: Information relating to …", for a restricted item's exempt category.
  env.addFilter('exemptCategory', (p: number | null | undefined) => {
    const c = exemptCategory(p ?? null);
    return c ? `Paragraph ${c.paragraph}: ${c.text}` : '';
  });
  env.addFilter('planKind', (v: string) => PLAN_KIND_LABELS[v as keyof typeof PLAN_KIND_LABELS] ?? v);
  env.addFilter('actionKind', (v: string) => ACTION_KIND_LABELS[v as keyof typeof ACTION_KIND_LABELS] ?? v);
  env.addFilter('unitKind', (v: string) => ORG_UNIT_KIND_LABELS[v as keyof typeof ORG_UNIT_KIND_LABELS] ?? v);
  env.addFilter('userRole', (v: string) => USER_ROLE_LABELS[v as keyof typeof USER_ROLE_LABELS] ?? v);
  env.addFilter('ragLabel', (v: string) => RAG_LABELS[v as Rag] ?? v);
  env.addFilter('ragSymbol', (v: string) => RAG_SYMBOLS[v as Rag] ?? '');
  env.addFilter('stageLabel', (v: string) => STAGE_LABELS[v as Stage] ?? v);
  // Paragraphs from plain text: blank lines separate paragraphs, single newlines become <br>.
  env.addFilter('paragraphs', (v: string | null | undefined) => {
    if (!v) return '';
    const esc = v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
    return new nunjucks.runtime.SafeString(
      esc
        .split(/\r?\n\s*\r?\n/)
        .map((p: string) => `<p class="govuk-body">${p.replace(/\r?\n/g, '<br>')}</p>`)
        .join(''),
    );
  });
  return env;
}
