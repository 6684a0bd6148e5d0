import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { db, type Db } from "../db";
import { identifyRequest, type Identity } from "../auth/requestIdentity";
import { parseRole, roleSatisfies, type Role } from "./roles";

export interface Context {
  db: Db;
  identity: Identity | null | "invalid-token";
}

export async function createContext({ headers }: { headers: Headers }): Promise<Context> {
  return { db, identity: await identifyRequest(db, headers) };
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
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        message: zodError ? zodError.issues.map((i) => i.message).join(" ") : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.meta({ access: { scope: "public" } });

const requireUser = t.middleware(({ ctx, next }) => {
  if (ctx.identity === "invalid-token") {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This API token is not valid. It may have been revoked." });
  }
  if (!ctx.identity) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, userId: ctx.identity.userId } });
});

export const userProcedure = t.procedure.meta({ access: { scope: "user" } }).use(requireUser);

/**
 * A procedure on one project: the input carries `projectId`, and the caller must
 * hold at least `role` there. Non-members get NOT_FOUND so project ids do not leak;
 * members below the role get FORBIDDEN. The role check runs before the
 * procedure's own input is parsed.
 */
export function projectProcedure(role: Role) {
  return t.procedure
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
