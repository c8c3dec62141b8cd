import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/**
 * Exceptional errors a service may throw, each with the one transport code it maps to (in trpc.ts).
 * Expected business outcomes (out of stock, payment declined) are typed results, not errors.
 */
export abstract class AppError extends Error {
  abstract readonly code: TRPC_ERROR_CODE_KEY;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, key: string) {
    super(`${entity} "${key}" was not found`);
  }
}

export class InvalidInputError extends AppError {
  readonly code = 'BAD_REQUEST';
}

export class UnauthorizedError extends AppError {
  readonly code = 'UNAUTHORIZED';
}

/** Authenticated and admitted by role, but this object or change is not theirs to make. */
export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}

/** A dependency the request needs (Redis for a security check) is down; safe to retry later. */
export class ServiceUnavailableError extends AppError {
  readonly code = 'SERVICE_UNAVAILABLE';
}

/** A rate limit or lock-out refused the request; `headers` carry Retry-After and the RateLimit fields. */
export class TooManyRequestsError extends AppError {
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(message);
  }
}

/** An upload larger than its limit. */
export class PayloadTooLargeError extends AppError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** An upload whose bytes are not a kind we take (whatever its name or Content-Type claims). */
export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

/** Well-formed input whose content cannot be used (an unreadable image, too many pixels). */
export class UnprocessableError extends AppError {
  readonly code = 'UNPROCESSABLE_CONTENT';
}
