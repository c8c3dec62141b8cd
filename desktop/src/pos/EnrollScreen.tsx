import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../app/use-submit.js';
import { type AppSettings, appSettings, type PlatformApi } from '../platform/platform-api.js';
import { httpStatusOf, serverApi } from '../till/server-api.js';

type Problem = 'invalidUrl' | 'invalidCode' | 'unreachable';

const explain = (error: unknown): Problem => {
  const status = httpStatusOf(error);
  return status === 401 || status === 400 ? 'invalidCode' : 'unreachable';
};

/** First start: the server's address and a manager's one-time code make this computer a till of a store. */
export function EnrollScreen(props: {
  platform: PlatformApi;
  settings: AppSettings;
  onEnrolled: (settings: AppSettings) => void;
  /** A manager's computer that is not a till: straight to the back office, at this server. */
  onBackOffice: (open: true) => void;
}) {
  const { t } = useTranslation();
  const [serverUrl, setServerUrl] = useState(props.settings.serverUrl);
  const [code, setCode] = useState('');
  const { working, problem, setProblem, submitWith } = useSubmit(explain);

  const submit = submitWith(async () => {
    const url = appSettings.shape.serverUrl.safeParse(serverUrl.trim());
    if (!url.success) return setProblem('invalidUrl');
    const enrolled = await serverApi(url.data).terminals.enroll.mutate({ code });
    await props.platform.setSecret('device-credential', enrolled.credential);
    const { credential: _secret, ...enrollment } = enrolled;
    props.onEnrolled(await props.platform.updateSettings({ serverUrl: url.data, enrollment }));
  });

  return (
    <main className="centered">
      <form className="card narrow" onSubmit={submit} aria-labelledby="enroll-title">
        <h1 id="enroll-title">{t('enroll.title')}</h1>
        <p className="muted">{t('enroll.intro')}</p>
        <label>
          {t('enroll.serverUrl')}
          <input
            value={serverUrl}
            onChange={(event) => setServerUrl(event.target.value)}
            inputMode="url"
            required
          />
        </label>
        <label>
          {t('enroll.code')}
          <input
            name="enrollment-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="off"
            autoFocus
            required
            minLength={12}
            maxLength={20}
          />
        </label>
        {problem && (
          <p className="error" role="alert">
            {t(`enroll.${problem}`)}
          </p>
        )}
        <div className="row">
          <button
            type="button"
            className="ghost"
            onClick={async () => {
              const url = appSettings.shape.serverUrl.safeParse(serverUrl.trim());
              if (!url.success) return setProblem('invalidUrl');
              props.onEnrolled(await props.platform.updateSettings({ serverUrl: url.data }));
              props.onBackOffice(true);
            }}
          >
            {t('office.open')}
          </button>
          <button type="submit" className="primary" disabled={working}>
            {working ? t('enroll.working') : t('enroll.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
