import type { StaffMember } from '@allure/shared/approval';
import { createContext, useContext } from 'react';
import type { AppSettings, PlatformApi } from '../platform/platform-api.js';
import type { TillProfile } from '../till/till-profile.js';
import type { TillRuntime } from '../till/till-runtime.js';

export interface TillContextValue {
  platform: PlatformApi;
  settings: AppSettings;
  till: TillRuntime;
  profile: TillProfile;
  cashier: StaffMember;
  lock(): void;
}

export const TillContext = createContext<TillContextValue | null>(null);

export function useTill(): TillContextValue {
  const value = useContext(TillContext);
  if (!value) throw new Error('useTill outside a signed-in till');
  return value;
}
