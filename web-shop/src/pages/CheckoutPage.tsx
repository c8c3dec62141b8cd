import { type SubmitEvent, useRef, useState } from 'react';
import { ensureFresh, useSession } from '../account/session.js';
import { refusalOf } from '../api/api-client.js';
import { useShop } from '../app/shop-context.js';
import { limitQuantities, withoutVariants } from '../cart/cart.js';
import { updateCart, useCart } from '../cart/cart-store.js';
import {
  attemptId,
  type CheckoutForm,
  checkoutRequest,
  emptyCheckoutForm,
  endAttempt,
} from '../checkout/checkout-request.js';
import { Choices, ProblemText, TextField } from '../ui/FormParts.js';
import { CartLines, CartSubtotal, EmptyCart } from './CartPage.js';

export function CheckoutPage() {
  const { t, locale, api, store, href, navigate } = useShop();
  const cart = useCart();
  const session = useSession(api);
  const [form, setForm] = useState<CheckoutForm>(() => emptyCheckoutForm(store.country));
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // One submit at a time, whatever the clicks: the id makes a repeat harmless, this keeps it from happening.
  const inFlight = useRef(false);
  const signedIn = session.status === 'signed-in' ? session.user : null;

  /** What ties an input to the form: its name, the value typed so far, and its change. */
  const field = (name: keyof CheckoutForm) => ({
    name,
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [name]: event.target.value })),
  });

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!api || inFlight.current || cart.length === 0) return;
    inFlight.current = true;
    setSending(true);
    setProblem(null);
    try {
      const filled = signedIn
        ? { ...form, name: form.name || signedIn.name, email: form.email || signedIn.email }
        : form;
      if (signedIn) await ensureFresh(api);
      const id = attemptId(sessionStorage, () => crypto.randomUUID());
      const result = await api.checkout.place.mutate(checkoutRequest(id, store.id, cart, filled, locale));
      if (result.outcome === 'accepted') {
        endAttempt(sessionStorage);
        updateCart(() => []);
        navigate(href({ page: 'order', token: result.order.trackingToken }));
        return;
      }
      if (result.outcome === 'out_of_stock') {
        const names = result.lines
          .map((line) => cart.find((item) => item.variantId === line.variantId)?.productName ?? '')
          .filter(Boolean);
        updateCart((current) =>
          limitQuantities(current, new Map(result.lines.map((line) => [line.variantId, line.available]))),
        );
        setProblem(t('checkout.outOfStock', { items: names.join(', ') }));
      } else {
        updateCart((current) => withoutVariants(current, result.variantIds));
        setProblem(t('checkout.unavailable'));
      }
    } catch (error) {
      const refusal = refusalOf(error);
      setProblem(
        refusal?.code === 'BAD_REQUEST'
          ? t('checkout.invalid', { fields: refusal.message })
          : t('checkout.failed', { reason: refusal?.message ?? t('error.network') }),
      );
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  if (cart.length === 0 && !problem) {
    return <EmptyCart title={t('checkout.title')} />;
  }

  return (
    <section className="narrow">
      <h1>{t('checkout.title')}</h1>
      <CartLines editable={false} />
      <CartSubtotal label={t('checkout.total')} />
      <form className="checkout" onSubmit={submit}>
        <fieldset>
          <legend>{t('checkout.contact')}</legend>
          {signedIn && <p>{t('checkout.signedIn', { email: signedIn.email })}</p>}
          <TextField
            label={t('checkout.name')}
            {...field('name')}
            required={!signedIn}
            maxLength={120}
            autoComplete="name"
          />
          <TextField
            label={t('checkout.email')}
            {...field('email')}
            type="email"
            required={!signedIn}
            maxLength={254}
            autoComplete="email"
          />
          <TextField
            label={t('checkout.phone')}
            {...field('phone')}
            type="tel"
            maxLength={20}
            autoComplete="tel"
          />
        </fieldset>
        <fieldset>
          <legend>{t('checkout.delivery')}</legend>
          <Choices
            {...field('delivery')}
            options={[
              ['pickup', t('checkout.pickup')],
              ['ship', t('checkout.ship')],
            ]}
          />
          {form.delivery === 'ship' && (
            <>
              <TextField
                label={t('checkout.line1')}
                {...field('line1')}
                required
                maxLength={200}
                autoComplete="address-line1"
              />
              <TextField
                label={t('checkout.city')}
                {...field('city')}
                required
                maxLength={100}
                autoComplete="address-level2"
              />
              <TextField
                label={t('checkout.postalCode')}
                {...field('postalCode')}
                maxLength={20}
                autoComplete="postal-code"
              />
              <TextField
                label={t('checkout.country')}
                {...field('country')}
                required
                pattern="[A-Za-z]{2}"
                maxLength={2}
                autoComplete="country"
              />
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('checkout.payment')}</legend>
          <Choices
            {...field('payment')}
            options={[
              ['card', t('checkout.card')],
              ['mobile_money', t('checkout.mobileMoney')],
              ['cash', t('checkout.cash')],
            ]}
          />
          {form.payment === 'card' && (
            <TextField label={t('checkout.cardToken')} {...field('cardToken')} required maxLength={200} />
          )}
          {form.payment === 'mobile_money' && (
            <TextField
              label={t('checkout.mobilePhone')}
              {...field('walletPhone')}
              type="tel"
              required
              maxLength={20}
            />
          )}
        </fieldset>
        <ProblemText problem={problem} />
        <button type="submit" className="primary" disabled={sending || cart.length === 0}>
          {sending ? t('checkout.submitting') : t('checkout.submit')}
        </button>
      </form>
    </section>
  );
}
