import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { db, type Db } from "../db";
import { refuseCrossSiteSession, requireIdentity, type RequestIdentity } from "../auth/callerAuthentication";
import { authorizeProject } from "../auth/projectAuthorization";
import { identifyRequest } from "../auth/requestIdentity";
import { DOMAIN_ERROR_KINDS, DomainError } from "../errors/domainError";
import { internalErrorMessage, isInternalError } from "../errors/publicError";
import { currentRequestId } from "../errors/requestId";
import { clientAddress } from "../http/clientAddress";
import { isSameOriginRequest } from "../http/sameOrigin";
import type { Role } from "@/contracts/projectRoles";

export interface Context {
  db: Db;
  identity: RequestIdentity;
  /** The caller's address, for per-address throttles (sign-up). */
  clientAddress: string;
  /** Whether a browser said the request came from this site; cookie-authenticated mutations need it. */
  sameOrigin: boolean;
  /** Extra headers for the HTTP response (Retry-After), when the call came over HTTP. */
  resHeaders?: Headers;
}

export async function createContext({ headers, resHeaders }: { headers: Headers; resHeaders?: Headers }): Promise<Context> {
  return {
    db,
    identity: await identifyRequest(db, headers),
    clientAddress: clientAddress(headers),
    sameOrigin: isSameOriginRequest(headers),
    resHeaders,
  };
}

/**
 * Every procedure declares who may call it. The authorization test walks the
 * router and checks each declaration is enforced, so new procedures are covered.
 */
export type Access = { scope: "public" } | { scope: "user" } | { scope: "project"; role: Role };

const t = initTRPC
  .context<Context>()
  .meta<{ access: Access }>()
  .create({
    transformer: superjson,
    // The one place tRPC errors become what users read: internals are withheld (see server/errors/publicError.ts).
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const requestId = currentRequestId();
      const internal = isInternalError(error);
      return {
        ...shape,
        message: internal ? internalErrorMessage(requestId) : zodError ? zodError.issues.map((i) => i.message).join(" ") : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : undefined,
          requestId,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The one place a service's DomainError becomes a TRPCError (REST's twin is publicErrorOf). tRPC
 * wraps anything thrown inside the chain as INTERNAL_SERVER_ERROR with the original as its cause;
 * this outermost middleware swaps that for the kind's code, and sends Retry-After when one is due.
 */
const mapDomainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok || result.error.code !== "INTERNAL_SERVER_ERROR" || !(result.error.cause instanceof DomainError)) return result;
  const error = result.error.cause;
  if (error.retryAfterSeconds !== undefined) ctx.resHeaders?.set("Retry-After", String(error.retryAfterSeconds));
  throw new TRPCError({ code: DOMAIN_ERROR_KINDS[error.kind].trpcCode, message: error.message, cause: error });
});

/** Every procedure starts here: a mutation by session cookie must come from this site (see refuseCrossSiteSession). */
const baseProcedure = t.procedure.use(mapDomainErrors).use(({ ctx, type, next }) => {
  refuseCrossSiteSession(ctx.identity, { changesState: type === "mutation", sameOrigin: ctx.sameOrigin });
  return next();
});

export const publicProcedure = baseProcedure.meta({ access: { scope: "public" } });

const requireUser = t.middleware(({ ctx, next }) => {
  const identity = requireIdentity(ctx.identity);
  return next({ ctx: { ...ctx, userId: identity.userId, identity } });
});

export const userProcedure = baseProcedure.meta({ access: { scope: "user" } }).use(requireUser);

/**
 * A procedure on one project: the input carries `projectId`, and the caller must
 * hold at least `role` there (authorizeProject: non-members get NOT_FOUND, members
 * below the role FORBIDDEN). The role check runs before the procedure's own input is parsed.
 */
export function projectProcedure(role: Role) {
  return baseProcedure
    .meta({ access: { scope: "project", role } })
    .use(requireUser)
    .input(z.object({ projectId: z.string().min(1) }))
    .use(async ({ ctx, input, next }) => {
      const memberRole = await authorizeProject(ctx.db, ctx.userId, input.projectId, role);
      return next({ ctx: { ...ctx, role: memberRole, projectId: input.projectId } });
    });
}
