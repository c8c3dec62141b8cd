import type { Role } from '@allure/shared/enums';

/** Who is calling, as proven by an access token. */
export type Principal = UserPrincipal | TerminalPrincipal;

/** A signed-in person: staff or customer; `terminalId` when a cashier signed in on a till with a PIN. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly role: Role;
  /** The session family (one per device sign-in); stable across refresh-token rotations. */
  readonly sessionId: string;
  readonly storeId: string | null;
  readonly terminalId: string | null;
}

/** An enrolled till, authenticated with its device credential (it syncs even with no cashier signed in). */
export interface TerminalPrincipal {
  readonly kind: 'terminal';
  readonly terminalId: string;
  readonly storeId: string;
}

/** What a procedure admits: a role, or an enrolled terminal. */
export type Audience = Role | 'terminal';

export function audienceOf(principal: Principal): Audience {
  return principal.kind === 'terminal' ? 'terminal' : principal.role;
}

/** The key rate limits count against: the user, else the terminal (a store's tills share one NAT address). */
export function rateLimitSubject(principal: Principal | null, ip: string): string {
  if (principal?.kind === 'user') return `user:${principal.userId}`;
  if (principal?.kind === 'terminal') return `terminal:${principal.terminalId}`;
  return `ip:${ip}`;
}
