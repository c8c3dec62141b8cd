import { type SubmitEvent, useEffect, useState } from 'react';
import { ensureFresh, register, signIn, signOut, useSession } from '../account/session.js';
import { refusalOf } from '../api/api-client.js';
import type { OrderView } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { ProblemText, TextField } from '../ui/FormParts.js';
import { OrderLines } from './OrderView.js';

function SignInForm() {
  const { t, api, locale } = useShop();
  const [mode, setMode] = useState<'sign-in' | 'register'>('sign-in');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!api || sending) return;
    setSending(true);
    setProblem(null);
    try {
      if (mode === 'register')
        await register(api, { name: name.trim(), email: email.trim(), password, locale });
      else await signIn(api, email.trim(), password);
    } catch (error) {
      setProblem(t('account.failed', { reason: refusalOf(error)?.message ?? t('error.network') }));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="checkout" onSubmit={submit}>
      <h2>{mode === 'register' ? t('account.register') : t('account.signIn')}</h2>
      {mode === 'register' && (
        <TextField
          label={t('account.name')}
          name="name"
          required
          maxLength={120}
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      )}
      <TextField
        label={t('account.email')}
        name="email"
        type="email"
        required
        maxLength={254}
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        label={t('account.password')}
        hint={mode === 'register' ? t('account.passwordHint') : undefined}
        name="password"
        type="password"
        required
        minLength={mode === 'register' ? 12 : 1}
        maxLength={128}
        autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <ProblemText problem={problem} />
      <button type="submit" className="primary" disabled={sending}>
        {mode === 'register' ? t('account.register') : t('account.signIn')}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => setMode(mode === 'register' ? 'sign-in' : 'register')}
      >
        {mode === 'register' ? t('account.haveAccount') : t('account.needAccount')}
      </button>
    </form>
  );
}

function OrderHistory() {
  const { t, api } = useShop();
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  useEffect(() => {
    if (!api) return;
    let current = true;
    ensureFresh(api)
      .then(() => api.orders.mine.query({ limit: 20 }))
      .then((page) => {
        if (current) setOrders(page.items);
      })
      .catch(() => {
        if (current) setOrders([]);
      });
    return () => {
      current = false;
    };
  }, [api]);
  if (!orders) return <p>{t('order.loading')}</p>;
  if (orders.length === 0) return <p className="empty">{t('account.noOrders')}</p>;
  return (
    <ul className="orders">
      {orders.map((order) => (
        <li key={order.id}>
          <OrderLines order={order} />
        </li>
      ))}
    </ul>
  );
}

export function AccountPage() {
  const { t, api } = useShop();
  const session = useSession(api);
  if (session.status === 'unknown') return <p className="narrow">{t('order.loading')}</p>;
  return (
    <section className="narrow">
      <h1>{t('account.title')}</h1>
      {session.status === 'signed-out' ? (
        <SignInForm />
      ) : (
        <>
          <p>
            {t('account.hello', { name: session.user.name })}{' '}
            <button type="button" className="link-button" onClick={() => api && signOut(api)}>
              {t('account.signOut')}
            </button>
          </p>
          <h2>{t('account.orders')}</h2>
          <OrderHistory />
        </>
      )}
    </section>
  );
}
