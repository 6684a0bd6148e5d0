import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * A request id follows one HTTP request through everything it calls, so the error a user
 * reports ("request 3f2c…") finds the server log line with the details. Async-local rather
 * than a parameter: failures surface far from the route (tRPC's error formatter, Prisma).
 */
const storage = new AsyncLocalStorage<string>();

export const REQUEST_ID_HEADER = "x-request-id";

export function newRequestId(): string {
  return randomUUID();
}

/** The id of the request being served, or a fresh one outside any request (a caller in a test, a worker). */
export function currentRequestId(): string {
  return storage.getStore() ?? newRequestId();
}

/** Serves one request under a fresh id; every response, error or not, carries it in `x-request-id`. */
export async function withRequestId(handle: (requestId: string) => Promise<Response>): Promise<Response> {
  const requestId = newRequestId();
  const response = await storage.run(requestId, () => handle(requestId));
  return withHeader(response, REQUEST_ID_HEADER, requestId);
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Some responses have immutable headers (a proxied fetch); copy those.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
