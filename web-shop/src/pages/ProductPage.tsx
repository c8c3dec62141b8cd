import { MAX_CHECKOUT_LINES } from '@allure/shared/checkout-limits';
import { renditionFor } from '@allure/shared/product-image';
import { useEffect, useMemo, useState } from 'react';
import type { ProductDetail } from '../api/shop-types.js';
import { useShop } from '../app/shop-context.js';
import { addToCart } from '../cart/cart.js';
import { updateCart } from '../cart/cart-store.js';
import { lowestPrice } from '../catalog/ProductCard.js';
import { chosenVariant, exists, initialChoice, options } from '../catalog/variant-choice.js';
import { ProductPicture } from '../ui/ProductPicture.js';
import { MAIN_IMAGE_SIZES, mediaUrl } from '../ui/product-images.js';
import { Availability, useAvailability } from './Availability.js';

const FEW_LEFT = 3;

export function ProductPage({ product, variantId }: { product: ProductDetail; variantId: string | null }) {
  const { t, price: format, store, apiUrl, href, navigate } = useShop();
  const [choice, setChoice] = useState(() => initialChoice(product.variants, variantId));
  const [notice, setNotice] = useState<string | null>(null);
  const { sizes, colours } = useMemo(() => options(product.variants), [product.variants]);
  const variant = chosenVariant(product.variants, choice);
  const stock = useAvailability(product.variants.map((item) => item.id));
  const price = variant ?? lowestPrice(product);
  // The photo of the chosen colour when there is one (images can belong to one variant).
  const colourImage = variant ? product.images.find((image) => image.variantId === variant.id) : undefined;
  const main = colourImage ?? product.images[0];
  const available = variant ? stock.get(variant.id) : undefined;

  useEffect(() => {
    setChoice(initialChoice(product.variants, variantId));
  }, [product.variants, variantId]);

  const pick = (axis: 'size' | 'colour', value: string) => {
    const next = { ...choice, [axis]: value };
    setChoice(next);
    setNotice(null);
    const picked = chosenVariant(product.variants, next);
    // The link names the variant, so it can be shared or reloaded as chosen.
    if (picked)
      navigate(href({ page: 'product', slug: product.slug, variantId: picked.id }), { replace: true });
  };

  const add = () => {
    if (!variant) {
      setNotice(t('product.choose'));
      return;
    }
    // The cart's thumbnail is 4rem wide: the narrowest WebP that covers it on a dense screen.
    const rendition = main ? renditionFor(main, 128, ['webp']) : undefined;
    let added = false;
    updateCart((cart) => {
      const result = addToCart(cart, {
        variantId: variant.id,
        quantity: 1,
        productName: product.name,
        slug: product.slug,
        size: variant.size,
        colour: variant.colour,
        price: variant.price,
        currency: store.currency,
        image:
          main && rendition
            ? {
                src: mediaUrl(apiUrl, rendition.src),
                placeholder: main.placeholder,
                width: main.width,
                height: main.height,
              }
            : null,
      });
      added = result.ok;
      return result.ok ? result.cart : cart;
    });
    setNotice(added ? t('product.added') : t('cart.full', { max: MAX_CHECKOUT_LINES }));
  };

  return (
    <article className="product">
      <div className="product-media">
        {main ? (
          <ProductPicture apiUrl={apiUrl} image={main} alt={product.name} sizes={MAIN_IMAGE_SIZES} priority />
        ) : (
          <span className="picture picture-missing">{t('product.noImage')}</span>
        )}
      </div>
      <div className="product-info">
        <h1>{product.name}</h1>
        {product.brand && <p className="card-brand">{product.brand}</p>}
        {price && (
          <p className="product-price">
            {variant ? format(price.price) : t('product.from', { price: format(price.price) })}
          </p>
        )}
        {(['size', 'colour'] as const).map((axis) => {
          const values = axis === 'size' ? sizes : colours;
          if (values.length === 0) return null;
          return (
            <fieldset key={axis} className="picker">
              <legend>{t(axis === 'size' ? 'product.size' : 'product.colour')}</legend>
              {values.map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={choice[axis] === value}
                  disabled={!exists(product.variants, axis, value, choice)}
                  onClick={() => pick(axis, value)}
                >
                  {value}
                </button>
              ))}
            </fieldset>
          );
        })}
        <Availability
          available={variant ? available : undefined}
          chosen={variant !== undefined}
          fewLeft={FEW_LEFT}
        />
        <button type="button" className="primary" onClick={add} disabled={available === 0}>
          {t('product.add')}
        </button>
        <p className="notice" role="status">
          {notice}
        </p>
        {product.description && (
          <section>
            <h2>{t('product.description')}</h2>
            <p>{product.description}</p>
          </section>
        )}
      </div>
    </article>
  );
}
