import type { StoredGraph } from "@/contracts/storedGraph";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { isUniqueViolation } from "../db/uniqueViolation";

export const DRAFT_CHANGED_MESSAGE =
  "Your draft of this pipeline was changed elsewhere (in another tab, or by a node added from a notebook) after this editor loaded it.";

export interface DraftWrite {
  pipelineId: string;
  userId: string;
  graph: StoredGraph;
  baseVersionId: string | null;
  /**
   * When the writer last saw the draft: its updatedAt, or null for "there was none".
   * Given, the write is refused with CONFLICT if the draft has changed since, so one
   * tab never silently overwrites another's edits. Left out, the write always wins.
   */
  expectedUpdatedAt?: Date | null;
}

/** Writes a user's draft of a pipeline; returns the new draft's updatedAt. */
export async function saveDraft(db: Db, write: DraftWrite): Promise<Date> {
  const key = { pipelineId: write.pipelineId, userId: write.userId };
  const data = { graph: JSON.stringify(write.graph), baseVersionId: write.baseVersionId };
  if (write.expectedUpdatedAt === undefined) {
    const draft = await db.pipelineDraft.upsert({ where: { pipelineId_userId: key }, create: { ...key, ...data }, update: data });
    return draft.updatedAt;
  }
  const conflict = () => new DomainError("conflict", DRAFT_CHANGED_MESSAGE);
  if (write.expectedUpdatedAt === null) {
    try {
      return (await db.pipelineDraft.create({ data: { ...key, ...data } })).updatedAt;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
  }
  // The timestamp in the WHERE makes check and write one step: a write in between changes it.
  // It must move even within one millisecond, or a stale writer would still match.
  const updatedAt = new Date(Math.max(Date.now(), write.expectedUpdatedAt.getTime() + 1));
  const { count } = await db.pipelineDraft.updateMany({ where: { ...key, updatedAt: write.expectedUpdatedAt }, data: { ...data, updatedAt } });
  if (count === 0) throw conflict();
  return updatedAt;
}
