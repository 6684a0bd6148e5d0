import type { EnqueueOutcome, EnqueueRequest, LabelingQueuePort } from "@/pipeline/spec/labelingQueue";
import { labelingQueueNameSchema } from "@/pipeline/spec/labelingQueueNames";
import type { Db } from "../db";
import { isUniqueViolation } from "../db/uniqueViolation";
import { parseClasses } from "./queueClasses";

interface RunOwner {
  projectId: string;
  pipelineId: string;
  /** Who started the run: the queue's creator when this run creates it. */
  userId: string;
}

/**
 * The labeling queue port a server run hands the engine: queues belong to the run's project, are found by
 * name (created on first use with the sampler's target and classes), and remember the pipeline that last
 * filled them, which "Retrain and sample again" runs. Rows already queued are left as they are, labels and all.
 */
export class ServerLabelingQueue implements LabelingQueuePort {
  constructor(
    private readonly db: Db,
    private readonly run: RunOwner,
  ) {}

  async knownKeys(queueName: string): Promise<ReadonlySet<string>> {
    const name = labelingQueueNameSchema.parse(queueName);
    const items = await this.db.labelingItem.findMany({ where: { queue: { projectId: this.run.projectId, name } }, select: { rowKey: true } });
    return new Set(items.map((item) => item.rowKey));
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueOutcome> {
    const name = labelingQueueNameSchema.parse(request.queueName);
    const queue = await this.findOrCreate(name, request);
    const previous = await this.db.labelingItem.aggregate({ where: { queueId: queue.id }, _max: { round: true } });
    const round = (previous._max.round ?? 0) + 1;
    const { count } = await this.db.labelingItem.createMany({
      data: request.rows.map((row) => ({
        queueId: queue.id,
        rowKey: row.key,
        row: JSON.stringify(row.values),
        score: row.score,
        guess: row.guess,
        confidence: row.confidence,
        round,
      })),
      skipDuplicates: true,
    });
    return {
      added: count,
      alreadyQueued: request.rows.length - count,
      message: `queued ${count} ${count === 1 ? "row" : "rows"} in "${name}" (round ${round})`,
    };
  }

  /** The queue by name; a new class the model learned since is appended, so keys 1..n of old classes stay put. */
  private async findOrCreate(name: string, request: EnqueueRequest) {
    const { projectId, pipelineId, userId } = this.run;
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await this.db.labelingQueue.findUnique({ where: { projectId_name: { projectId, name } } });
      if (existing !== null) {
        const classes = parseClasses(existing.classes);
        const merged = [...classes, ...request.classes.filter((c) => !classes.includes(c))];
        return this.db.labelingQueue.update({ where: { id: existing.id }, data: { pipelineId, classes: JSON.stringify(merged) } });
      }
      try {
        return await this.db.labelingQueue.create({
          data: { projectId, name, pipelineId, targetColumn: request.targetColumn, classes: JSON.stringify(request.classes), createdById: userId },
        });
      } catch (error) {
        // Two runs creating the same queue at once: the other one won, use it.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new Error(`The labeling queue "${name}" is being created by another run. Run again.`);
  }
}
