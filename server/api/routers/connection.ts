import { z } from "zod";
import { connectionInputSchema, connectionUpdateSchema } from "../../connections/connectionConfig";
import { defaultConnectionPolicy } from "../../connections/defaultPolicy";
import { createConnection, deleteConnection, listConnections, testConnection, updateConnection } from "../../connections/projectConnections";
import { projectProcedure, router } from "../trpc";

const connectionRef = z.object({ connectionId: z.string().min(1) });

/**
 * A project's named database connections for the SQL query node. No procedure returns a password or its
 * ciphertext: editors get the non-secret settings and whether a password is set, viewers the names only.
 */
export const connectionRouter = router({
  list: projectProcedure("viewer").query(({ ctx }) => listConnections(ctx.db, ctx.projectId, ctx.role)),

  create: projectProcedure("editor")
    .input(z.object({ connection: connectionInputSchema }))
    .mutation(({ ctx, input }) => createConnection(ctx.db, defaultConnectionPolicy(), ctx.projectId, ctx.userId, input.connection)),

  update: projectProcedure("editor")
    .input(connectionRef.extend({ connection: connectionUpdateSchema }))
    .mutation(({ ctx, input }) => updateConnection(ctx.db, defaultConnectionPolicy(), ctx.projectId, input.connectionId, input.connection)),

  delete: projectProcedure("editor")
    .input(connectionRef)
    .mutation(async ({ ctx, input }) => {
      await deleteConnection(ctx.db, ctx.projectId, input.connectionId);
      return { deleted: true };
    }),

  /** Connects and runs `SELECT 1`: ok, or what to fix (host not allowed or unreachable, authentication failed …). */
  test: projectProcedure("editor")
    .input(connectionRef)
    .mutation(({ ctx, input }) => testConnection(ctx.db, defaultConnectionPolicy(), ctx.projectId, input.connectionId)),
});
