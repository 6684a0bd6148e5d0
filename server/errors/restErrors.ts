import { DomainError } from "./domainError";
import { logInternalError, publicErrorOf, type PublicError } from "./publicError";
import { withRequestId } from "./requestId";

/** The REST routes' one error shape: `{ error: { code, message, requestId? } }`. */
export function errorResponse(error: PublicError, headers?: HeadersInit): Response {
  const { status, ...body } = error;
  return Response.json({ error: body }, { status, ...(headers === undefined ? {} : { headers }) });
}

/**
 * Wraps a REST route handler: every response carries `x-request-id`, a deliberate error (a
 * service's DomainError, zod) thrown from inside answers with its own status and message, and any
 * other failure answers 500 with the request id (internals withheld) and is logged under it.
 */
export function withErrorBoundary<Args extends unknown[]>(
  where: string,
  handle: (req: Request, ...args: Args) => Promise<Response>,
): (req: Request, ...args: Args) => Promise<Response> {
  return (req, ...args) =>
    withRequestId(async (requestId) => {
      try {
        return await handle(req, ...args);
      } catch (error) {
        const { error: answer, headers } = failureAnswer(where, error, requestId);
        return errorResponse(answer, headers);
      }
    });
}

/**
 * What withErrorBoundary answers for a failure thrown by a handler: the public error (a deliberate
 * one as meant, ours as 500 with the request id, logged under it here) and its headers (Retry-After).
 */
export function failureAnswer(where: string, error: unknown, requestId: string): { error: PublicError; headers?: Record<string, string> } {
  const answer = publicErrorOf(error, requestId);
  if (answer.status >= 500) logInternalError(requestId, where, error);
  const retryAfter = error instanceof DomainError ? error.retryAfterSeconds : undefined;
  return retryAfter === undefined ? { error: answer } : { error: answer, headers: { "Retry-After": String(retryAfter) } };
}
