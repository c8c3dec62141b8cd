import { type SubmitEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlatformApi } from '../platform/platform-api.js';
import { httpStatusOf } from '../till/server-api.js';
import { Dashboard } from './Dashboard.js';
import { ManagerSession } from './manager-session.js';

const officeRoles = new Set(['admin', 'manager']);

/** The back office: managers and admins, signed in with their password; online by nature. */
export function BackOffice(props: { platform: PlatformApi; serverUrl: string; onLeave: () => void }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<ManagerSession | null>(null);
  const [resuming, setResuming] = useState(true);

  useEffect(() => {
    void ManagerSession.resume(props.platform, props.serverUrl).then((resumed) => {
      if (resumed && officeRoles.has(resumed.user.role)) setSession(resumed);
      setResuming(false);
    });
  }, [props.platform, props.serverUrl]);

  return (
    <div className="till">
      <header className="status-bar">
        <div className="brand">
          <strong>{t('office.title')}</strong>
          {session && <span className="muted">{session.user.name}</span>}
        </div>
        <div className="who">
          {session && (
            <button
              type="button"
              className="ghost"
              onClick={() => void session.signOut().then(() => setSession(null))}
            >
              {t('office.signOut')}
            </button>
          )}
          <button type="button" className="ghost" onClick={props.onLeave}>
            {t('office.backToTill')}
          </button>
        </div>
      </header>
      {session ? (
        <main className="office">
          <h1>{t('office.dashboard')}</h1>
          <Dashboard session={session} />
        </main>
      ) : resuming ? null : (
        <SignIn platform={props.platform} serverUrl={props.serverUrl} onSignedIn={setSession} />
      )}
    </div>
  );
}

function SignIn(props: {
  platform: PlatformApi;
  serverUrl: string;
  onSignedIn: (session: ManagerSession) => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setWorking(true);
    setProblem(null);
    try {
      const session = await ManagerSession.signIn(props.platform, props.serverUrl, email, password);
      if (!officeRoles.has(session.user.role)) {
        await session.signOut();
        return setProblem(t('office.notManager'));
      }
      props.onSignedIn(session);
    } catch (error) {
      const status = httpStatusOf(error);
      setProblem(status === 401 || status === 400 ? t('office.wrongCredentials') : t('office.unreachable'));
    } finally {
      setWorking(false);
    }
  }

  return (
    <main className="centered">
      <form className="card narrow" onSubmit={submit} aria-labelledby="office-title">
        <h1 id="office-title">{t('office.signInTitle')}</h1>
        <p className="muted">{t('office.signInIntro')}</p>
        <label>
          {t('office.email')}
          <input
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {t('office.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            maxLength={128}
          />
        </label>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={working}>
          {working ? t('office.signingIn') : t('office.signIn')}
        </button>
      </form>
    </main>
  );
}
