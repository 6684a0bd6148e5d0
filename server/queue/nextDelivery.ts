import type PgBoss from "pg-boss";
import type { z } from "zod";

export interface Delivery<T> {
  jobId: string;
  data: T;
  /** 1 for the first delivery; pg-boss counts a redelivery (the previous worker's lease lapsed) as a retry. */
  attempt: number;
}

/** Fetches the queue's next job with its data checked; a job whose data does not fit is failed and skipped. */
export async function nextDelivery<T>(boss: PgBoss, queue: string, schema: z.ZodType<T>): Promise<Delivery<T> | null> {
  for (;;) {
    const [job] = await boss.fetch<unknown>(queue, { includeMetadata: true });
    if (!job) return null;
    const parsed = schema.safeParse(job.data);
    if (parsed.success) return { jobId: job.id, data: parsed.data, attempt: job.retryCount + 1 };
    await boss.fail(queue, job.id, { message: `Not a ${queue} job` });
  }
}
