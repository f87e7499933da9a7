// What signing in gives (a session's user) and what the account pages show and ask (src/services/auth.ts).

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  userId: number;
  email: string;
  name: string;
  role: string;
  /** May see restricted items (admins always may). */
  restrictedAccess: boolean;
  tenantId: number;
  tenantName: string;
}

/** What "Your account" shows. */
export interface AccountSummary {
  name: string;
  email: string;
  role: string;
  /** Sessions that still work, this one included. */
  activeSessions: number;
  lastSignInAt: string | null;
}

export interface PasswordChange {
  currentPassword?: unknown;
  newPassword?: unknown;
  confirmPassword?: unknown;
}
