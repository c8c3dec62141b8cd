/**
 * What the till knows of its store and staff, to sell, sign cashiers in and print offline: fetched from the
 * server whenever it is reachable and kept in the local database (an RxDB local document), so a till
 * started without network opens with what it last knew.
 */
import type { StaffMember } from '@allure/shared/approval';
import type { AppRouter } from '@allure/sync-server/router';
import type { inferRouterOutputs } from '@trpc/server';
import type { LocalDatabase } from '../data/local-database.js';
import type { ServerApi } from './server-api.js';

export type TerminalProfile = inferRouterOutputs<AppRouter>['terminals']['profile'];

export interface TillProfile {
  profile: TerminalProfile;
  staff: StaffMember[];
  /** ISO 8601. */
  fetchedAt: string;
}

const LOCAL_ID = 'till-profile';

export async function storedProfile(db: LocalDatabase): Promise<TillProfile | null> {
  const document = await db.getLocal<TillProfile>(LOCAL_ID);
  return document ? (document.toJSON().data as TillProfile) : null;
}

/** Fetches profile and staff and stores them; throws when the server cannot be reached. */
export async function refreshProfile(
  db: LocalDatabase,
  api: ServerApi,
  now = new Date(),
): Promise<TillProfile> {
  const [profile, staff] = await Promise.all([api.terminals.profile.query(), api.terminals.staff.query()]);
  const fresh: TillProfile = { profile, staff, fetchedAt: now.toISOString() };
  await db.upsertLocal<TillProfile>(LOCAL_ID, fresh);
  return fresh;
}
