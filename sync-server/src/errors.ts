import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/**
 * Exceptional errors a service may throw, each with the one transport code it maps to (in trpc.ts).
 * Expected business outcomes (out of stock, payment declined) are typed results, not errors.
 */
export abstract class AppError extends Error {
  abstract readonly code: TRPC_ERROR_CODE_KEY;
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, key: string) {
    super(`${entity} "${key}" was not found`);
    this.name = 'NotFoundError';
  }
}

export class InvalidInputError extends AppError {
  readonly code = 'BAD_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}
