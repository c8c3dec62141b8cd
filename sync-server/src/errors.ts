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

export class UnauthorizedError extends AppError {
  readonly code = 'UNAUTHORIZED';
  constructor(message: string) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A dependency the request needs (Redis for a security check) is down; safe to retry later. */
export class ServiceUnavailableError extends AppError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceUnavailableError';
  }
}

/** A rate limit or lock-out refused the request; `retryAfterMs` becomes the Retry-After header. */
export class TooManyRequestsError extends AppError {
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}
