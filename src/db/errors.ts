// What the two databases' drivers say when a write breaks a unique index, in one place: pg gives
// the SQLSTATE 23505 (unique_violation); better-sqlite3 SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY).

const UNIQUE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** True when `err` is a unique-index violation from either database. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNIQUE_CODES.has(code);
}
