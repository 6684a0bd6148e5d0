/**
 * The one way a service says "no" to its caller. Services (server/<domain>/) throw a DomainError
 * of a kind; they know nothing of tRPC or HTTP. Each transport maps the kind exactly once:
 * tRPC in server/api/trpc.ts (domainErrorToTRPC), REST in server/errors/publicError.ts
 * (publicErrorOf, used by withErrorBoundary). The message is for the user, so it must never
 * name internals (paths, drivers, stack frames).
 */
export type DomainErrorKind = "invalid" | "unauthorized" | "forbidden" | "notFound" | "conflict" | "unprocessable" | "tooLarge" | "rateLimited";

/** Each kind's tRPC code and HTTP status; the REST body's `code` is the tRPC code unless the error names its own. */
export const DOMAIN_ERROR_KINDS = {
  invalid: { trpcCode: "BAD_REQUEST", status: 400 },
  unauthorized: { trpcCode: "UNAUTHORIZED", status: 401 },
  forbidden: { trpcCode: "FORBIDDEN", status: 403 },
  notFound: { trpcCode: "NOT_FOUND", status: 404 },
  conflict: { trpcCode: "CONFLICT", status: 409 },
  tooLarge: { trpcCode: "PAYLOAD_TOO_LARGE", status: 413 },
  unprocessable: { trpcCode: "UNPROCESSABLE_CONTENT", status: 422 },
  rateLimited: { trpcCode: "TOO_MANY_REQUESTS", status: 429 },
} as const satisfies Record<DomainErrorKind, { trpcCode: string; status: number }>;

export interface DomainErrorOptions {
  /** A more specific machine code for the REST body (e.g. CROSS_SITE_REQUEST); tRPC keeps its fixed codes. */
  code?: string;
  /** For rateLimited: when the caller may try again, sent as Retry-After. */
  retryAfterSeconds?: number;
}

export class DomainError extends Error {
  override name = "DomainError";
  readonly code: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.code = options.code ?? DOMAIN_ERROR_KINDS[kind].trpcCode;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return DOMAIN_ERROR_KINDS[this.kind].status;
  }
}
