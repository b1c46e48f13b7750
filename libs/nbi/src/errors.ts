import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { TaskValidationError } from './tasks';

/**
 * Every NBI error is JSON `{ error: { code, message, details? } }` with a stable code; `details`
 * lists every problem when there are several (an invalid preset).
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    details?: string[],
    /** More of the error's own fields, e.g. the `state` of a task that cannot be cancelled. */
    fields: Record<string, unknown> = {},
  ) {
    super({ error: { code, message, ...(details ? { details } : {}), ...fields } }, status);
    // HttpException would call it "Api Error": logs and tests see the real reason.
    this.message = message;
  }
}

/**
 * 503 `unavailable`: a server the request needs is down (the Kafka broker). `Retry-After` tells
 * the caller when to send it again (RFC 9110 §10.2.3).
 */
export class UnavailableError extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    fields: Record<string, unknown> = {},
  ) {
    super(503, 'unavailable', message, undefined, fields);
  }
}

export const notFound = (what: string): ApiError =>
  new ApiError(404, 'not_found', `${what} not found`);

export const badRequest = (message: string): ApiError => new ApiError(400, 'bad_request', message);

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('NBI');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ApiError) {
      if (exception instanceof UnavailableError) {
        res.setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
      res.status(exception.getStatus()).json(exception.getResponse());
    } else if (exception instanceof TaskValidationError) {
      res.status(400).json({ error: { code: exception.code, message: exception.message } });
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'not_found' : status === 400 ? 'bad_request' : `http_${status}`;
      res.status(status).json({ error: { code, message: exception.message } });
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
    }
  }
}
