import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "../../db";
import { cellOrderSchema, cellOutputSchema, cellSchema, parseStored, type NotebookCell } from "@/contracts/notebookCells";
import { mergeCellOrder } from "../../notebooks/mergeCellOrder";
import { projectProcedure, router } from "../trpc";

const notebookName = z.string().trim().min(1, { message: "Give the notebook a name." }).max(100);
const notebookRef = z.object({ notebookId: z.string().min(1) });

async function findNotebook(db: Db, projectId: string, notebookId: string) {
  const notebook = await db.notebook.findFirst({ where: { id: notebookId, projectId } });
  if (!notebook) throw new TRPCError({ code: "NOT_FOUND", message: "Notebook not found in this project." });
  return notebook;
}

/** The notebook's cells in their stored order (cells missing from the order, which a crash could leave, go last). */
async function orderedCells(db: Db, notebookId: string, cellOrder: string): Promise<NotebookCell[]> {
  const order = parseStored(cellOrderSchema, cellOrder, []);
  const rows = await db.notebookCell.findMany({ where: { notebookId } });
  const rank = new Map(order.map((id, i) => [id, i]));
  return rows
    .filter((row) => rank.has(row.id))
    .sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
    .map((row) => ({
      id: row.id,
      kind: cellSchema.shape.kind.catch("javascript").parse(row.kind),
      source: row.source,
      outputs: parseStored(z.array(cellOutputSchema), row.outputs, []),
      executionCount: row.executionCount,
    }));
}

export const notebookRouter = router({
  list: projectProcedure("viewer").query(({ ctx }) =>
    ctx.db.notebook.findMany({
      where: { projectId: ctx.projectId },
      orderBy: { updatedAt: "desc" },
      select: { id: true, name: true, updatedAt: true },
    }),
  ),

  create: projectProcedure("editor")
    .input(z.object({ name: notebookName }))
    .mutation(async ({ ctx, input }) => {
      const firstCell = "c" + crypto.randomUUID().replaceAll("-", "").slice(0, 16);
      return ctx.db.notebook.create({
        data: {
          projectId: ctx.projectId,
          name: input.name,
          cellOrder: JSON.stringify([firstCell]),
          cells: { create: { id: firstCell, kind: "javascript", source: "" } },
        },
        select: { id: true, name: true },
      });
    }),

  rename: projectProcedure("editor")
    .input(notebookRef.extend({ name: notebookName }))
    .mutation(async ({ ctx, input }) => {
      await findNotebook(ctx.db, ctx.projectId, input.notebookId);
      return ctx.db.notebook.update({ where: { id: input.notebookId }, data: { name: input.name }, select: { id: true, name: true } });
    }),

  delete: projectProcedure("editor")
    .input(notebookRef)
    .mutation(async ({ ctx, input }) => {
      await findNotebook(ctx.db, ctx.projectId, input.notebookId);
      await ctx.db.notebook.delete({ where: { id: input.notebookId } });
      return { id: input.notebookId };
    }),

  get: projectProcedure("viewer")
    .input(notebookRef)
    .query(async ({ ctx, input }) => {
      const notebook = await findNotebook(ctx.db, ctx.projectId, input.notebookId);
      return {
        notebook: { id: notebook.id, name: notebook.name },
        role: ctx.role,
        cells: await orderedCells(ctx.db, notebook.id, notebook.cellOrder),
      };
    }),

  /**
   * Autosave: writes the changed cells and deletions by cell id and merges the list order
   * with what other editors saved meanwhile (see mergeCellOrder). Returns the merged notebook.
   */
  save: projectProcedure("editor")
    .input(
      notebookRef.extend({
        order: z.array(cellSchema.shape.id).max(2000).nullable(),
        cells: z.array(cellSchema).max(2000),
        deleted: z.array(cellSchema.shape.id).max(2000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await findNotebook(ctx.db, ctx.projectId, input.notebookId);
      const notebook = await ctx.db.$transaction(async (tx) => {
        // Touching the row first locks it until commit, so concurrent saves of one notebook take turns and
        // each merges against the order the previous one committed (the UPDATE returns the latest row).
        const current = await tx.notebook.update({ where: { id: input.notebookId }, data: { updatedAt: new Date() } });
        const deleted = new Set(input.deleted);
        const written = input.cells.filter((c) => !deleted.has(c.id));
        for (const cell of written) {
          const data = {
            kind: cell.kind,
            source: cell.source,
            outputs: JSON.stringify(cell.outputs),
            executionCount: cell.executionCount,
          };
          await tx.notebookCell.upsert({
            where: { notebookId_id: { notebookId: input.notebookId, id: cell.id } },
            create: { notebookId: input.notebookId, id: cell.id, ...data },
            update: data,
          });
        }
        await tx.notebookCell.deleteMany({ where: { notebookId: input.notebookId, id: { in: input.deleted } } });
        const order = mergeCellOrder({
          server: parseStored(cellOrderSchema, current.cellOrder, []),
          client: input.order,
          written: new Set(written.map((c) => c.id)),
          deleted,
        });
        return tx.notebook.update({ where: { id: input.notebookId }, data: { cellOrder: JSON.stringify(order) } });
      });
      return { cells: await orderedCells(ctx.db, notebook.id, notebook.cellOrder) };
    }),
});
