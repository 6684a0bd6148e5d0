import type { Db } from "../db";
import { pendingLabelCount } from "./labelledDataset";
import { learningRounds } from "./learningLoop";
import { parseClasses } from "./queueClasses";
import { queueNotFound } from "./queueNotFound";

interface StatusCounts {
  open: number;
  labelled: number;
  skipped: number;
}

async function countsByQueue(db: Db, queueIds: string[]): Promise<Map<string, StatusCounts>> {
  const groups = await db.labelingItem.groupBy({ by: ["queueId", "status"], where: { queueId: { in: queueIds } }, _count: { _all: true } });
  const counts = new Map(queueIds.map((id) => [id, { open: 0, labelled: 0, skipped: 0 }]));
  for (const group of groups) {
    const entry = counts.get(group.queueId);
    if (entry !== undefined && (group.status === "open" || group.status === "labelled" || group.status === "skipped")) entry[group.status] = group._count._all;
  }
  return counts;
}

/** The project's queues, most recently filled first, with how many rows wait, are labelled and were skipped. */
export async function listQueues(db: Db, projectId: string) {
  const queues = await db.labelingQueue.findMany({
    where: { projectId },
    orderBy: { updatedAt: "desc" },
    include: { pipeline: { select: { id: true, name: true } }, dataset: { select: { id: true, name: true } } },
  });
  const counts = await countsByQueue(
    db,
    queues.map((q) => q.id),
  );
  return queues.map((q) => ({
    id: q.id,
    name: q.name,
    targetColumn: q.targetColumn,
    classes: parseClasses(q.classes),
    pipeline: q.pipeline,
    dataset: q.dataset,
    updatedAt: q.updatedAt,
    counts: counts.get(q.id)!,
  }));
}

/**
 * One queue for its labeling page: classes in key order, counts overall and in the newest round (the progress
 * bar), labels not yet committed, who labelled how many, and the learning curve.
 */
export async function queueDetail(db: Db, projectId: string, queueId: string) {
  const queue = await db.labelingQueue.findFirst({
    where: { id: queueId, projectId },
    include: { pipeline: { select: { id: true, name: true } }, dataset: { select: { id: true, name: true } } },
  });
  if (queue === null) throw queueNotFound();
  const latest = await db.labelingItem.aggregate({ where: { queueId }, _max: { round: true } });
  const round = latest._max.round ?? 0;
  const [counts, roundGroups, pending, byLabeler, rounds] = await Promise.all([
    countsByQueue(db, [queueId]),
    db.labelingItem.groupBy({ by: ["status"], where: { queueId, round }, _count: { _all: true } }),
    pendingLabelCount(db, queueId),
    db.label.groupBy({ by: ["labelledById"], where: { queueId, withdrawnAt: null }, _count: { _all: true } }),
    learningRounds(db, queueId),
  ]);
  const users = await db.user.findMany({ where: { id: { in: byLabeler.map((l) => l.labelledById) } }, select: { id: true, name: true, email: true } });
  const userById = new Map(users.map((u) => [u.id, u]));
  const roundTotal = roundGroups.reduce((sum, g) => sum + g._count._all, 0);
  const roundDone = roundGroups.filter((g) => g.status !== "open").reduce((sum, g) => sum + g._count._all, 0);
  return {
    id: queue.id,
    name: queue.name,
    targetColumn: queue.targetColumn,
    classes: parseClasses(queue.classes),
    pipeline: queue.pipeline,
    dataset: queue.dataset,
    counts: counts.get(queueId)!,
    round: { number: round, done: roundDone, total: roundTotal },
    pendingLabels: pending,
    labelers: byLabeler
      .map((l) => ({
        userId: l.labelledById,
        name: userById.get(l.labelledById)?.name ?? userById.get(l.labelledById)?.email ?? "a former member",
        labels: l._count._all,
      }))
      .sort((a, b) => b.labels - a.labels),
    rounds,
  };
}
