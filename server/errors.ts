/**
 * Expected errors thrown by services. Routes map them to HTTP statuses; anything else is
 * unexpected: logged with context and shown as a generic message.
 */
export class AppError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly code: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Also used for "exists but you may not see it": a non-member learns nothing. */
export class NotFoundError extends AppError {
  constructor(what = "Not found") {
    super(what, 404, "not_found");
  }
}
export class UnauthenticatedError extends AppError {
  constructor() {
    super("Sign in required", 401, "unauthenticated");
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this") {
    super(message, 403, "forbidden");
  }
}
export class InvalidError extends AppError {
  constructor(message: string, details?: unknown) {
    super(message, 422, "invalid", details);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(message, 409, "conflict", details);
  }
}

/** 413: the request body is over the limit; the message names both sizes. */
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, "too_large");
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
