import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { DomainError } from "./domainError";

/**
 * Which failures a user may read verbatim. Deliberate errors say what went wrong in the user's
 * terms (a service's DomainError, a TRPCError with a client code, the engine's own messages about
 * their data or pipeline); anything else — Prisma's invocation text, SQLITE_CANTOPEN, an ENOENT
 * with a blob path, a TypeError — describes our internals, helps only an attacker, and is replaced
 * by a message carrying the request id while the details go to the server log.
 */

export interface PublicError {
  status: number;
  code: string;
  message: string;
  /** Set when the real error was withheld and logged under this request id. */
  requestId?: string;
}

/** Text that only internals produce: absolute paths, Prisma and PostgreSQL, stack frames, JS engine faults. */
const INTERNAL_TEXT = [
  /(?:^|[\s"'`(=:])\/(?:[\w.@+-]+\/)+[\w.@+-]*/, // an absolute path with at least one directory
  /[A-Za-z]:\\[\w.\\ -]+/, // a Windows path
  /prisma/i,
  /postgres|SQLSTATE|\bpg_\w+|\b(?:relation|column|table) "[^"]*" (?:does not exist|already exists)|violates \w+(?: \w+)? constraint|duplicate key value|could not (?:open|read|write) file|\bsyntax error at or near\b/i,
  /\binvocation\b/i,
  /^\s+at .+/m, // a stack frame
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|undefined \(reading/i,
  /\bE[A-Z]{3,}\b: /, // ENOENT: / EACCES: / ECONNREFUSED: style system errors
];

export function mentionsInternals(message: string): boolean {
  return INTERNAL_TEXT.some((pattern) => pattern.test(message));
}

/** JavaScript's own faults: a TypeError or RangeError is a bug of ours, never a message for users. */
const ENGINE_FAULTS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/**
 * An engine or domain message written for users: an `Error` (or a domain subclass such as
 * DatasetRejected) that is not a JavaScript fault, not a driver's error (Prisma's carry
 * `clientVersion`, PostgreSQL's and the file system's a `code`) and whose text names no internals.
 */
function isPlainUserMessage(error: unknown): error is Error {
  if (error instanceof DomainError) return true;
  if (!(error instanceof Error) || ENGINE_FAULTS.some((fault) => error instanceof fault)) return false;
  if ("code" in error || "errno" in error || "syscall" in error || "clientVersion" in error || error.name.startsWith("Prisma")) return false;
  return error.message.length > 0 && !mentionsInternals(error.message);
}

export function internalErrorMessage(requestId: string): string {
  return `Something went wrong on our side (request ${requestId}).`;
}

/**
 * Whether a failure must be withheld from the user. A TRPCError with a client code (4xx) is
 * deliberate; an INTERNAL_SERVER_ERROR is shown only when it wraps a plain user message (the
 * engine's "Column \"x\" not found") or was thrown on purpose without a cause.
 */
export function isInternalError(error: unknown): boolean {
  if (error instanceof TRPCError) {
    if (error.code !== "INTERNAL_SERVER_ERROR") return false;
    const cause = error.cause;
    if (cause === undefined || cause === error) return mentionsInternals(error.message);
    if (cause instanceof ZodError) return false;
    return !isPlainUserMessage(cause);
  }
  if (error instanceof ZodError) return false;
  return !isPlainUserMessage(error);
}

/**
 * The answer for a REST route, and the one place a DomainError becomes an HTTP status (tRPC's
 * twin is mapDomainErrors in server/api/trpc.ts): a deliberate client error as it was meant; a
 * failure of ours as 500 with the request id, its message kept only when it is a plain user message.
 */
export function publicErrorOf(error: unknown, requestId: string): PublicError {
  if (error instanceof DomainError) return { status: error.status, code: error.code, message: error.message };
  if (isInternalError(error)) return { status: 500, code: "INTERNAL", message: internalErrorMessage(requestId), requestId };
  if (error instanceof TRPCError) {
    const status = getHTTPStatusCodeFromError(error);
    return { status, code: error.code, message: error.message, ...(status >= 500 ? { requestId } : {}) };
  }
  if (error instanceof ZodError)
    return { status: 422, code: "UNPROCESSABLE_CONTENT", message: error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ") };
  return { status: 500, code: "INTERNAL", message: (error as Error).message, requestId };
}

/** Where withheld details go: the server log, under the id the user was given. */
export function logInternalError(requestId: string, where: string, error: unknown): void {
  console.error(`[request ${requestId}] ${where} failed:`, error);
}
