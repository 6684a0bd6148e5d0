import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { parseClasses } from "./queueClasses";

/** How long a row shown to a labeler stays theirs; every action renews it, so only an abandoned tab lets it go. */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;

export interface ClaimedItem {
  id: string;
  rowKey: string;
  row: Record<string, unknown>;
  guess: string | null;
  confidence: number | null;
  score: number;
  round: number;
  claimedUntil: Date;
}

interface Actor {
  queueId: string;
  userId: string;
  /** The clock, for tests of a lapsed claim; the server's time otherwise. */
  now?: Date;
}

function leaseEnd(now: Date): Date {
  return new Date(now.getTime() + CLAIM_LEASE_MS);
}

function parseRow(json: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(json);
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/**
 * The next row for this labeler, claimed in one statement: a row they already hold comes back first (a reload
 * does not strand it), else the open row of the oldest round with the highest score that nobody holds or whose
 * holder's lease lapsed. FOR UPDATE SKIP LOCKED with the re-checked WHERE means two labelers asking at the same
 * moment never get the same row. Null when the queue has nothing left for them.
 */
export async function claimNextItem(db: Db, { queueId, userId, now = new Date() }: Actor): Promise<ClaimedItem | null> {
  const until = leaseEnd(now);
  const [claimed] = await db.$queryRaw<
    { id: string; rowKey: string; row: string; guess: string | null; confidence: number | null; score: number; round: number }[]
  >`
    UPDATE "LabelingItem" SET "claimedById" = ${userId}, "claimedUntil" = ${until}
    WHERE "id" = (
      SELECT "id" FROM "LabelingItem"
      WHERE "queueId" = ${queueId} AND "status" = 'open'
        AND ("claimedById" IS NULL OR "claimedById" = ${userId} OR "claimedUntil" IS NULL OR "claimedUntil" < ${now})
      ORDER BY ("claimedById" IS NOT DISTINCT FROM ${userId}) DESC, "round" ASC, "score" DESC, "id" ASC
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "rowKey", "row", "guess", "confidence", "score", "round"`;
  if (claimed === undefined) return null;
  return { ...claimed, row: parseRow(claimed.row), claimedUntil: until };
}

/** Rows this caller may act on: open, and held by them or by nobody (a lapsed lease counts as nobody). */
function actionableBy(userId: string, now: Date) {
  return {
    status: "open",
    OR: [{ claimedById: null }, { claimedById: userId }, { claimedUntil: null }, { claimedUntil: { lt: now } }],
  };
}

/** Why an action on a row failed: gone, done already, or someone else's. */
async function refusal(db: Pick<Db, "labelingItem">, queueId: string, itemId: string): Promise<DomainError> {
  const item = await db.labelingItem.findFirst({ where: { id: itemId, queueId }, select: { status: true } });
  if (item === null) return new DomainError("notFound", "That row is not in this labeling queue.");
  if (item.status !== "open") return new DomainError("conflict", `That row was ${item.status} already. Take the next one.`);
  return new DomainError("conflict", "A teammate is labelling that row. Take the next one.");
}

/**
 * Labels a row the caller holds (or that nobody holds): the item turns labelled and a Label row records the value
 * and who gave it, in one transaction whose conditional update is the claim check, so a row gets one label.
 */
export async function labelItem(db: Db, { queueId, userId, now = new Date() }: Actor, itemId: string, value: string) {
  const queue = await db.labelingQueue.findUniqueOrThrow({ where: { id: queueId }, select: { classes: true } });
  if (!parseClasses(queue.classes).includes(value)) throw new DomainError("invalid", `"${value}" is not one of this queue's classes.`);
  return db.$transaction(async (tx) => {
    const { count } = await tx.labelingItem.updateMany({
      where: { id: itemId, queueId, ...actionableBy(userId, now) },
      data: { status: "labelled", claimedById: userId, claimedUntil: null },
    });
    if (count === 0) throw await refusal(tx, queueId, itemId);
    const item = await tx.labelingItem.findUniqueOrThrow({ where: { id: itemId }, select: { rowKey: true } });
    return tx.label.create({ data: { queueId, itemId, rowKey: item.rowKey, value, labelledById: userId }, select: { id: true, value: true } });
  });
}

/** Sets a row aside for everyone (unreadable, ambiguous); it stays in the queue, and in no labelled dataset. */
export async function skipItem(db: Db, { queueId, userId, now = new Date() }: Actor, itemId: string): Promise<void> {
  const { count } = await db.labelingItem.updateMany({
    where: { id: itemId, queueId, ...actionableBy(userId, now) },
    data: { status: "skipped", claimedById: userId, claimedUntil: null },
  });
  if (count === 0) throw await refusal(db, queueId, itemId);
}

/**
 * Takes back the caller's most recent label in this queue: the Label is withdrawn (kept, with when), and its row
 * reopens claimed by the caller and comes back to them to label again. Null when they have nothing left to undo.
 */
export async function undoLastLabel(db: Db, { queueId, userId, now = new Date() }: Actor): Promise<{ value: string; item: ClaimedItem } | null> {
  return db.$transaction(async (tx) => {
    const [last] = await tx.$queryRaw<{ id: string; itemId: string; value: string }[]>`
      SELECT "id", "itemId", "value" FROM "Label"
      WHERE "queueId" = ${queueId} AND "labelledById" = ${userId} AND "withdrawnAt" IS NULL
      ORDER BY "createdAt" DESC, "id" DESC LIMIT 1
      FOR UPDATE`;
    if (last === undefined) return null;
    await tx.label.update({ where: { id: last.id }, data: { withdrawnAt: now } });
    const claimedUntil = leaseEnd(now);
    const item = await tx.labelingItem.update({
      where: { id: last.itemId },
      data: { status: "open", claimedById: userId, claimedUntil },
      select: { id: true, rowKey: true, row: true, guess: true, confidence: true, score: true, round: true },
    });
    return { value: last.value, item: { ...item, row: parseRow(item.row), claimedUntil } };
  });
}
