import type { Db } from "../db";
import type { RawFeatures } from "./instances";

/** Instances kept per request for drift: enough to follow the distribution without storing every batch. */
const SAMPLES_PER_REQUEST = 10;

export interface ServedRequest {
  deploymentId: string;
  versionId: string | null;
  latencyMs: number;
  instances: number;
  status: number;
  rows?: RawFeatures[];
}

/** Records a served request and an evenly spread sample of its inputs. Monitoring must never fail a prediction, so errors are swallowed. */
export async function logRequest(db: Db, request: ServedRequest): Promise<void> {
  const { rows = [], ...log } = request;
  const stride = Math.max(1, Math.ceil(rows.length / SAMPLES_PER_REQUEST));
  const sampled = rows.filter((_, i) => i % stride === 0);
  try {
    await db.$transaction([
      db.requestLog.create({ data: log }),
      ...(sampled.length > 0 ? [db.inputSample.createMany({ data: sampled.map((row) => ({ deploymentId: log.deploymentId, features: JSON.stringify(row) })) })] : []),
    ]);
  } catch (error) {
    console.error("Could not record a served request:", error);
  }
}
