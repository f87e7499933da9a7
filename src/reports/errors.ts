// Typed errors of the report renderers, mapped to pages and exit codes with the domain's others.

import { DomainError } from '../domain/errors.ts';

export const PDF_UNAVAILABLE_MESSAGE =
  'PDF needs Chromium, which is not installed on this server. Install Debian\'s chromium package (apt-get install chromium), ' +
  'or set CHROMIUM_PATH; Word, HTML and Excel versions work without it.';

/** No PDF can be made here: there is no Chromium to print with (or it failed to print). */
export class PdfUnavailableError extends DomainError {
  override name = 'PdfUnavailableError';
  constructor(message: string = PDF_UNAVAILABLE_MESSAGE, options?: { cause?: unknown }) {
    super(message, options);
  }
}
