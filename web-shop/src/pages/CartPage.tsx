import { MAX_CHECKOUT_QUANTITY } from '@allure/shared/checkout-limits';
import { formatMoney } from '@allure/shared/money-format';
import { Link, useShop } from '../app/shop-context.js';
import { cartSubtotal, setQuantity } from '../cart/cart.js';
import { updateCart, useCart } from '../cart/cart-store.js';
import { variantText } from '../catalog/variant-choice.js';

export function CartLines({ editable }: { editable: boolean }) {
  const { t, locale, href } = useShop();
  const cart = useCart();
  return (
    <ul className="cart-lines">
      {cart.map((line) => (
        <li key={line.variantId} className="cart-line">
          {line.image ? (
            <img
              src={line.image.src}
              width={line.image.width}
              height={line.image.height}
              alt=""
              className="cart-thumb"
            />
          ) : (
            <span className="cart-thumb" />
          )}
          <span className="cart-line-name">
            <Link to={href({ page: 'product', slug: line.slug, variantId: line.variantId })}>
              {line.productName}
            </Link>
            <small>{variantText(line)}</small>
          </span>
          {editable ? (
            <label className="cart-quantity">
              <span className="visually-hidden">{t('cart.quantity')}</span>
              <input
                type="number"
                min={0}
                max={MAX_CHECKOUT_QUANTITY}
                value={line.quantity}
                onChange={(event) =>
                  updateCart((cart) => setQuantity(cart, line.variantId, Number(event.target.value)))
                }
              />
            </label>
          ) : (
            <span>× {line.quantity}</span>
          )}
          <span className="cart-line-total">
            {formatMoney(line.price * line.quantity, line.currency, locale)}
          </span>
          {editable && (
            <button
              type="button"
              className="link-button"
              onClick={() => updateCart((cart) => setQuantity(cart, line.variantId, 0))}
            >
              {t('cart.remove')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A page of the cart with nothing in it. */
export function EmptyCart({ title }: { title: string }) {
  const { t, href } = useShop();
  return (
    <section className="narrow">
      <h1>{title}</h1>
      <p className="empty">{t('cart.empty')}</p>
      <Link to={href({ page: 'home' })}>{t('cart.continue')}</Link>
    </section>
  );
}

/** The cart's total as shown (shelf prices); none when its lines mix currencies. */
export function CartSubtotal({ label }: { label: string }) {
  const { locale } = useShop();
  const subtotal = cartSubtotal(useCart());
  if (!subtotal) return null;
  return (
    <p className="cart-subtotal">
      {label} <strong>{formatMoney(subtotal.amount, subtotal.currency, locale)}</strong>
    </p>
  );
}

export function CartPage() {
  const { t, href } = useShop();
  const cart = useCart();
  if (cart.length === 0) {
    return <EmptyCart title={t('cart.title')} />;
  }
  return (
    <section className="narrow">
      <h1>{t('cart.title')}</h1>
      <CartLines editable />
      <CartSubtotal label={t('cart.subtotal')} />
      <Link to={href({ page: 'checkout' })} className="primary button">
        {t('cart.checkout')}
      </Link>
    </section>
  );
}
