import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { db, type Db } from "../db";
import { identifyRequest, type Identity } from "../auth/requestIdentity";
import { DOMAIN_ERROR_KINDS, DomainError } from "../errors/domainError";
import { internalErrorMessage, isInternalError } from "../errors/publicError";
import { currentRequestId } from "../errors/requestId";
import { clientAddress } from "../http/clientAddress";
import { CROSS_SITE_MESSAGE, isSameOriginRequest } from "../http/sameOrigin";
import { parseRole, roleSatisfies, type Role } from "./roles";

export interface Context {
  db: Db;
  identity: Identity | null | "invalid-token";
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

/**
 * Every procedure starts here. A mutation authenticated by the session cookie must come from
 * this site (server/http/sameOrigin.ts): otherwise any page the user visits could post to
 * /api/trpc with their cookie. API tokens are exempt, since no other site can attach one.
 */
const baseProcedure = t.procedure.use(mapDomainErrors).use(({ ctx, type, next }) => {
  const bySession = ctx.identity !== null && ctx.identity !== "invalid-token" && ctx.identity.via === "session";
  if (type === "mutation" && bySession && !ctx.sameOrigin) throw new TRPCError({ code: "FORBIDDEN", message: CROSS_SITE_MESSAGE });
  return next();
});

export const publicProcedure = baseProcedure.meta({ access: { scope: "public" } });

const requireUser = t.middleware(({ ctx, next }) => {
  if (ctx.identity === "invalid-token") {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This API token is not valid. It may have been revoked." });
  }
  if (!ctx.identity) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, userId: ctx.identity.userId, identity: ctx.identity } });
});

export const userProcedure = baseProcedure.meta({ access: { scope: "user" } }).use(requireUser);

/**
 * A procedure on one project: the input carries `projectId`, and the caller must
 * hold at least `role` there. Non-members get NOT_FOUND so project ids do not leak;
 * members below the role get FORBIDDEN. The role check runs before the
 * procedure's own input is parsed.
 */
export function projectProcedure(role: Role) {
  return baseProcedure
    .meta({ access: { scope: "project", role } })
    .use(requireUser)
    .input(z.object({ projectId: z.string().min(1) }))
    .use(async ({ ctx, input, next }) => {
      const membership = await ctx.db.membership.findUnique({
        where: { projectId_userId: { projectId: input.projectId, userId: ctx.userId } },
      });
      if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Project not found." });
      const memberRole = parseRole(membership.role);
      if (!roleSatisfies(memberRole, role)) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `This needs the ${role} role in the project; you are a ${memberRole}.`,
        });
      }
      return next({ ctx: { ...ctx, role: memberRole, projectId: input.projectId } });
    });
}
