import type { ProductPage } from '../api/shop-types.js';
import { Link, useShop } from '../app/shop-context.js';
import { ProductGrid } from '../catalog/ProductCard.js';
import { NO_FILTERS } from '../routes.js';

export function HomePage({ newest }: { newest: ProductPage }) {
  const { t, href, categories, store } = useShop();
  const top = categories.filter((category) => category.parentId === null);
  return (
    <>
      <section className="hero">
        <h1>{store.name}</h1>
        <p>{t('shop.tagline', { store: store.name })}</p>
      </section>
      <section>
        <h2>{t('home.categories')}</h2>
        <ul className="category-tiles">
          {top.map((category) => (
            <li key={category.id}>
              <Link to={href({ page: 'category', slug: category.slug, filters: NO_FILTERS })}>
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t('home.newest')}</h2>
        <ProductGrid products={newest.items} eager={4} />
      </section>
    </>
  );
}
