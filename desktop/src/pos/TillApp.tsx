import type { StaffMember } from '@allure/shared/approval';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RxDatabaseProvider } from 'rxdb/plugins/react';
import { useObservable } from '../app/use-observable.js';
import type { AppSettings, Enrollment, PlatformApi } from '../platform/platform-api.js';
import { openTill, type TillRuntime } from '../till/till-runtime.js';
import { PinScreen } from './PinScreen.js';
import { ShiftGate } from './ShiftGate.js';
import { StatusBar } from './StatusBar.js';
import { TillContext } from './till-context.js';
import { useStoreLanguage } from './use-store-language.js';

let lastClosing: Promise<void> = Promise.resolve();

interface TillAppProps {
  platform: PlatformApi;
  settings: AppSettings;
  enrollment: Enrollment;
  onUnenrolled: (settings: AppSettings) => void;
  onBackOffice: () => void;
}

/** An enrolled till: its local data opened, then who sells, then the shift, then selling. */
export function TillApp(props: TillAppProps) {
  const { t } = useTranslation();
  const [till, setTill] = useState<TillRuntime | null>(null);
  const { platform, settings, enrollment } = props;

  useEffect(() => {
    let closed = false;
    // One local database open at a time: the next opening waits for the last closing.
    const opening = lastClosing.then(() => openTill(platform, settings.serverUrl, enrollment));
    void opening.then((runtime) => !closed && setTill(runtime));
    return () => {
      closed = true;
      setTill(null);
      lastClosing = opening.then((runtime) => runtime.close()).catch(() => {});
    };
  }, [platform, settings.serverUrl, enrollment]);

  if (!till) {
    return (
      <main className="centered">
        <p className="muted">{t('app.loading')}</p>
      </main>
    );
  }
  return (
    <RxDatabaseProvider database={till.db}>
      <SignedInTill {...props} till={till} />
    </RxDatabaseProvider>
  );
}

function SignedInTill(props: TillAppProps & { till: TillRuntime }) {
  const { till, platform, settings } = props;
  const profile = useObservable(till.profile$, till.profile$.value);
  const [cashier, setCashier] = useState<StaffMember | null>(null);
  const language = useStoreLanguage(platform, profile?.profile.store.locale);
  const context = useMemo(
    () =>
      profile && cashier
        ? { platform, settings, till, profile, cashier, lock: () => setCashier(null) }
        : null,
    [platform, settings, till, profile, cashier],
  );

  async function enrollAgain() {
    await platform.deleteSecret('device-credential');
    props.onUnenrolled(await platform.updateSettings({ enrollment: null }));
  }

  return (
    <div className="till">
      <StatusBar
        till={till}
        profile={profile}
        cashier={cashier}
        onLock={() => setCashier(null)}
        onLanguage={(next) => void language.pick(next)}
        onEnrollAgain={enrollAgain}
        onBackOffice={props.onBackOffice}
      />
      {!context ? (
        <PinScreen staff={profile?.staff ?? []} onSignedIn={setCashier} />
      ) : (
        <TillContext.Provider value={context}>
          <ShiftGate />
        </TillContext.Provider>
      )}
    </div>
  );
}
