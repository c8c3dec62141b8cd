import '../app/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../app/App.js';
import { startI18n } from '../app/i18n.js';
import { currentPlatform } from '../platform/index.js';

const platform = currentPlatform();
const settings = await platform.getSettings();
const i18n = await startI18n(settings.locale ?? 'fr');
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

const root = document.getElementById('root');
if (!root) throw new Error('no #root in index.html');
createRoot(root).render(
  <StrictMode>
    <App platform={platform} initialSettings={settings} />
  </StrictMode>,
);
