/**
 * Schemas of amounts and currencies, for inputs (money.ts and currency.ts hold the rules and stay free of
 * zod, so a web page can format prices without loading a validator).
 */
import { z } from 'zod';
import { currencies } from './currency.js';
import { MAX_MONEY_AMOUNT, type Money } from './money.js';

export const currency = z.enum(currencies);

/** An amount in minor units, within ±MAX_MONEY_AMOUNT. */
export const moneyAmount = z.number().int().min(-MAX_MONEY_AMOUNT).max(MAX_MONEY_AMOUNT);
/** A price, payment or other amount that cannot be negative. */
export const nonNegativeAmount = moneyAmount.min(0);
export const positiveAmount = moneyAmount.min(1);

export const money = z.object({ amount: moneyAmount, currency }) satisfies z.ZodType<Money>;
