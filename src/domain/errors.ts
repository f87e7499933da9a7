// Typed errors. The web maps each to one page (404, 409, 403 …) in one place; the CLI to an exit code.

export class DomainError extends Error {
  override name = 'DomainError';
}

/** Input failed validation. `fields` maps a field name to a message that names the field. */
export class ValidationError extends DomainError {
  override name = 'ValidationError';
  constructor(
    readonly fields: Record<string, string>,
    message = Object.values(fields).join('; '),
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

/** Someone else changed the record since it was read (optimistic concurrency). */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
}

export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
}

export class AuthenticationError extends DomainError {
  override name = 'AuthenticationError';
}

export class TooManyAttemptsError extends DomainError {
  override name = 'TooManyAttemptsError';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many sign-in attempts. Wait 15 minutes and try again.');
  }
}

/**
 * An imported file or pasted text could not be read: too large, not the format it claims, or no
 * recognisable action column. The message says what is wrong in words a performance officer can act on.
 */
export class ImportError extends DomainError {
  override name = 'ImportError';
}
