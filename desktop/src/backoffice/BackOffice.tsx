import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../app/use-submit.js';
import type { PlatformApi } from '../platform/platform-api.js';
import { httpStatusOf } from '../till/server-api.js';
import { ManagerSession } from './manager-session.js';
import { OfficeContext } from './office-context.js';
import { StorePicker } from './StorePicker.js';
import { sections } from './sections.js';

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
        <SignedIn session={session} />
      ) : resuming ? null : (
        <SignIn platform={props.platform} serverUrl={props.serverUrl} onSignedIn={setSession} />
      )}
    </div>
  );
}

/** The navigation on the left, the chosen screen beside it. */
function SignedIn({ session }: { session: ManagerSession }) {
  const { t } = useTranslation();
  const [sectionId, setSectionId] = useState(sections[0]?.id);
  const section = sections.find((candidate) => candidate.id === sectionId) ?? sections[0];
  // An admin works on the store they pick (their own at first); a manager always on their own.
  const [storeId, setStoreId] = useState(session.user.storeId);
  const office = useMemo(() => ({ session, storeId }), [session, storeId]);
  if (!section) return null;
  return (
    <OfficeContext.Provider value={office}>
      <div className="office-layout">
        <nav className="office-nav" aria-label={t('office.title')}>
          {sections.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              className={candidate.id === section.id ? 'active' : 'ghost'}
              aria-current={candidate.id === section.id ? 'page' : undefined}
              data-section={candidate.id}
              onClick={() => setSectionId(candidate.id)}
            >
              {t(candidate.title)}
            </button>
          ))}
        </nav>
        <main className="office">
          <div className="office-head">
            <h1>{t(section.title)}</h1>
            {session.user.role === 'admin' && (
              <StorePicker session={session} storeId={storeId} onChange={setStoreId} />
            )}
          </div>
          <section.Screen />
        </main>
      </div>
    </OfficeContext.Provider>
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
  const { working, problem, setProblem, submitWith } = useSubmit((error) => {
    const status = httpStatusOf(error);
    return status === 401 || status === 400 ? t('office.wrongCredentials') : t('office.unreachable');
  });

  const submit = submitWith(async () => {
    const session = await ManagerSession.signIn(props.platform, props.serverUrl, email, password);
    if (!officeRoles.has(session.user.role)) {
      await session.signOut();
      return setProblem(t('office.notManager'));
    }
    props.onSignedIn(session);
  });

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
