import { useState } from 'react';
import { BackOffice } from '../backoffice/BackOffice.js';
import type { AppSettings, PlatformApi } from '../platform/platform-api.js';
import { EnrollScreen } from '../pos/EnrollScreen.js';
import { TillApp } from '../pos/TillApp.js';

/**
 * An enrolled till sells; one that is not asks to be enrolled first. The back office, for managers, is one
 * button away from either (a manager's own computer need not be a till).
 */
export function App({ platform, initialSettings }: { platform: PlatformApi; initialSettings: AppSettings }) {
  const [settings, setSettings] = useState(initialSettings);
  const [office, setOffice] = useState(false);
  if (office) {
    return <BackOffice platform={platform} serverUrl={settings.serverUrl} onLeave={() => setOffice(false)} />;
  }
  if (!settings.enrollment) {
    return (
      <EnrollScreen
        platform={platform}
        settings={settings}
        onEnrolled={setSettings}
        onBackOffice={setOffice}
      />
    );
  }
  return (
    <TillApp
      onBackOffice={() => setOffice(true)}
      key={settings.enrollment.terminalId}
      platform={platform}
      settings={settings}
      enrollment={settings.enrollment}
      onUnenrolled={setSettings}
    />
  );
}
