// Action codes follow the councils' pattern `{yy}-{ORGCODE}{nn}`, e.g. 15-CEC01 for the first
// Communications action of 2015/16. The code is suggested, and stays editable.

export function codePrefix(firstYear: number, orgCode: string): string {
  return `${String(firstYear % 100).padStart(2, '0')}-${orgCode.toUpperCase()}`;
}

/** The next free code for a plan: one past the highest number already used with this prefix. */
export function suggestActionCode(firstYear: number, orgCode: string, existing: readonly string[]): string {
  const prefix = codePrefix(firstYear, orgCode);
  let max = 0;
  for (const code of existing) {
    if (!code.toUpperCase().startsWith(prefix)) continue;
    const n = Number(code.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(2, '0')}`;
}

export function normaliseCode(code: string): string {
  return code.trim().replace(/\s+/g, '');
}
