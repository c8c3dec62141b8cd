import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, locale as localeSchema, type PlatformApi } from '../platform/platform-api.js';

/**
 * A till speaks its store's language unless someone on this computer picked one (`settings.locale`); the
 * picker in the status bar calls `pick`, which keeps the choice across restarts.
 */
export function useStoreLanguage(platform: PlatformApi, storeLocale: string | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    const spoken = localeSchema.safeParse(storeLocale);
    if (!spoken.success) return;
    let current = true;
    void platform.getSettings().then((settings) => {
      if (current && settings.locale === null && i18n.language !== spoken.data) {
        void i18n.changeLanguage(spoken.data);
      }
    });
    return () => {
      current = false;
    };
  }, [platform, storeLocale, i18n]);

  return {
    // Kept first: a till screen mounted meanwhile must find the choice made, not follow the store again.
    pick: async (language: Locale) => {
      await platform.updateSettings({ locale: language });
      await i18n.changeLanguage(language);
    },
  };
}
