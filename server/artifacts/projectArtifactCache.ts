import type { Artifact, ArtifactCache, CachedStep } from "@/pipeline/runtime/artifactCache";
import { PORT_TYPES, type PortType } from "@/pipeline/spec/portTypes";
import type { Db } from "../db";
import type { BlobStore } from "./blobStore";
import { deserializeArtifact } from "./artifactSerialization";
import { recordStepArtifacts, type ArtifactSource } from "./recordArtifacts";

/** What the cache needs to know about the step computing a fingerprint, to record who produced it and from what. */
export interface StepProducer {
  stepRunId: string | null;
  nodeId: string;
  inputs: ArtifactSource[];
}

function portType(value: string): PortType {
  const type = PORT_TYPES.find((t) => t === value);
  if (type === undefined) throw new Error(`Stored artifact has unknown port type "${value}"`);
  return type;
}

/**
 * The engine's ArtifactCache over the Artifact table and a blob store, scoped to
 * one project: any run of any pipeline in the project reuses outputs whose node
 * fingerprint matches, so editing one node re-executes only it and downstream.
 */
export class ProjectArtifactCache implements ArtifactCache {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly projectId: string,
    private readonly producerOf: (fingerprint: string) => Promise<StepProducer>,
  ) {}

  async get(fingerprint: string): Promise<CachedStep | undefined> {
    const rows = await this.db.artifact.findMany({ where: { projectId: this.projectId, fingerprint } });
    if (rows.length === 0) return undefined;
    try {
      const outputs: Record<string, Artifact> = {};
      for (const row of rows) {
        outputs[row.port] = { type: portType(row.portType), hash: row.contentHash, value: deserializeArtifact(await this.blobs.get(row.storageKey)) };
      }
      return { fingerprint, outputs };
    } catch {
      // A blob that went missing or is unreadable is a miss: the node recomputes it.
      return undefined;
    }
  }

  async put(step: CachedStep): Promise<void> {
    const producer = await this.producerOf(step.fingerprint);
    await recordStepArtifacts(this.db, this.blobs, {
      projectId: this.projectId,
      stepRunId: producer.stepRunId,
      nodeId: producer.nodeId,
      fingerprint: step.fingerprint,
      outputs: step.outputs,
      inputs: producer.inputs,
    });
  }
}
