import { type SubmitEvent, useState } from 'react';
import { refusalOf } from '../api/api-client.js';
import type { OrderView } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { ProblemText, TextField } from '../ui/FormParts.js';
import { OrderLines } from './OrderView.js';

/** A guest finds an order with its number and the e-mail it was placed with (rate-limited by the API). */
export function TrackPage() {
  const { t, api } = useShop();
  const [number, setNumber] = useState('');
  const [email, setEmail] = useState('');
  const [order, setOrder] = useState<OrderView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!api) return;
    setProblem(null);
    try {
      setOrder(await api.orders.track.query({ number: number.trim().toUpperCase(), email: email.trim() }));
    } catch (error) {
      const refusal = refusalOf(error);
      setOrder(null);
      setProblem(
        refusal?.code === 'NOT_FOUND' ? t('track.notFound') : (refusal?.message ?? t('error.network')),
      );
    }
  };

  return (
    <section className="narrow">
      <h1>{t('track.title')}</h1>
      <form className="checkout" onSubmit={submit}>
        <TextField
          label={t('track.number')}
          name="number"
          required
          maxLength={40}
          value={number}
          onChange={(event) => setNumber(event.target.value)}
        />
        <TextField
          label={t('track.email')}
          name="email"
          type="email"
          required
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <button type="submit" className="primary">
          {t('track.submit')}
        </button>
      </form>
      <ProblemText problem={problem} />
      {order && <OrderLines order={order} />}
    </section>
  );
}
