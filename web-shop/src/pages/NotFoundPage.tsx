import { Link, useShop } from '../app/shop-context.js';

export function NotFoundPage() {
  const { t, href } = useShop();
  return (
    <section className="narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to={href({ page: 'home' })}>{t('cart.continue')}</Link>
    </section>
  );
}
