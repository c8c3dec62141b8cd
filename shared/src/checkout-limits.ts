/** How large a web cart may be: checkout refuses more, and the shop's cart never holds more. */

/** Lines in one web cart: a shop basket, not a stock transfer. */
export const MAX_CHECKOUT_LINES = 50;
/** Units of one variant in a web cart. */
export const MAX_CHECKOUT_QUANTITY = 99;
