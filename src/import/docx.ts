// Word documents (.docx). Service plans are written as Word tables, so every table becomes a
// SourceTable. Cells keep their HTML: description cells carry bold labels ("<b>Target:</b> …")
// that splitDescription reads, and paragraphs inside a cell stay apart.

import { ImportError } from '../domain/errors.ts';
import { isHeaderRow } from '../domain/import-tables.ts';
import { extractTables } from './html-tables.ts';
import type { ReadResult, SourceTable } from './types.ts';
import { guardZip } from './zip-guard.ts';

export async function readDocx(buffer: Buffer): Promise<ReadResult> {
  guardZip(buffer);
  // Loaded here, not at start: mammoth takes a few hundred milliseconds to load.
  const { default: mammoth } = await import('mammoth');
  // Images are not needed and mammoth would otherwise inline each one as base64 in the HTML.
  const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
  const { value: html } = await mammoth.convertToHtml({ buffer }, { convertImage: noImages, externalFileAccess: false });
  const found = extractTables(html);
  if (found.length === 0) {
    throw new ImportError(
      'The Word document has no tables. Waymark reads actions from a table with a header row such as “Action | Lead officer | Due date”. ' +
        'If the actions are written as paragraphs, copy them and paste them as text instead.',
    );
  }
  const tables: SourceTable[] = found.map((t, i) => {
    // Goal headings written as paragraphs between tables belong to the rows that follow them. They
    // go below the table's header row, if it has one: rows above a header are not read.
    const headings = t.headings.map((h) => [h]);
    const first = t.rows[0];
    const rows = first && isHeaderRow(first) ? [first, ...headings, ...t.rows.slice(1)] : [...headings, ...t.rows];
    return { name: `Table ${i + 1}`, rows, lines: rows.map((_, r) => r + 1) };
  });
  return { kind: 'tables', format: 'docx', tables };
}
