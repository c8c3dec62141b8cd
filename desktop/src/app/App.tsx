import { useState } from 'react';
import type { AppSettings, PlatformApi } from '../platform/platform-api.js';
import { EnrollScreen } from '../pos/EnrollScreen.js';
import { TillApp } from '../pos/TillApp.js';

/** An enrolled till sells; one that is not asks to be enrolled first. */
export function App({ platform, initialSettings }: { platform: PlatformApi; initialSettings: AppSettings }) {
  const [settings, setSettings] = useState(initialSettings);
  if (!settings.enrollment) {
    return <EnrollScreen platform={platform} settings={settings} onEnrolled={setSettings} />;
  }
  return (
    <TillApp
      key={settings.enrollment.terminalId}
      platform={platform}
      settings={settings}
      enrollment={settings.enrollment}
      onUnenrolled={setSettings}
    />
  );
}
