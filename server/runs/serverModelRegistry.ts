import { decidePromotion, outcomeMessage } from "@/pipeline/nodes/deployPromotion";
import type { ModelRegistryPort, RegisterOutcome, RegisterRequest } from "@/pipeline/spec/modelRegistry";
import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { moveAlias } from "../registry/modelAliases";
import { registerModelVersion } from "../registry/registerModelVersion";
import type { RegistryActor } from "../registry/registryActor";

function parseMetrics(json: string): Record<string, number> {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== "object" || parsed === null) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

/**
 * The model registry port a server run hands the engine: a Deploy node registers the Model artifact
 * this run stored (or reused) for its input, then moves the alias when the node's rule allows. The
 * registry records the run as the actor, so the model page says which run shipped a version.
 */
export class ServerModelRegistry implements ModelRegistryPort {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly run: { id: string; projectId: string; pipelineName: string },
  ) {}

  private get actor(): RegistryActor {
    return { userId: null, label: `run ${this.run.id.slice(-8)} of "${this.run.pipelineName}"` };
  }

  async register(request: RegisterRequest): Promise<RegisterOutcome> {
    const { db, blobs } = this;
    const { projectId } = this.run;
    // The model node's output was stored under its fingerprint by this run or, for a cache hit, an earlier one.
    const artifact = await db.artifact.findUnique({
      where: { projectId_fingerprint_port: { projectId, fingerprint: request.model.fingerprint, port: request.model.output } },
      select: { id: true },
    });
    if (artifact === null) throw new Error("The model this node received was not stored, so it cannot be registered. Run the pipeline again.");
    const { registeredModel, version, created } = await registerModelVersion(db, blobs, {
      projectId,
      modelName: request.modelName,
      artifactId: artifact.id,
      actor: this.actor,
      ...(request.metrics === undefined ? {} : { metrics: request.metrics }),
    });
    const holder = await db.modelAlias.findUnique({
      where: { registeredModelId_name: { registeredModelId: registeredModel.id, name: request.alias } },
      select: { version: { select: { number: true, metrics: true } } },
    });
    const decision = decidePromotion({
      rule: request.rule,
      alias: request.alias,
      // This run's evaluation first: a version registered before keeps the metrics of its first registration.
      candidate: { version: version.number, metrics: { ...parseMetrics(version.metrics), ...request.metrics } },
      holder: holder === null ? null : { version: holder.version.number, metrics: parseMetrics(holder.version.metrics) },
    });
    const previousVersion = holder?.version.number ?? null;
    if (decision.move) {
      try {
        await moveAlias(db, blobs, {
          projectId,
          registeredModelId: registeredModel.id,
          alias: request.alias,
          versionId: version.id,
          actor: this.actor,
          reason: decision.reason,
        });
      } catch (error) {
        // A contract change must be confirmed by a person; the version stays registered for them to promote.
        if (!(error instanceof DomainError)) throw error;
        const stays = previousVersion === null ? "was not set" : `stays v${previousVersion}`;
        // The registry's own wording asks for a confirmation a pipeline cannot give; say where a person gives it.
        const next =
          error.code === "CONTRACT_CHANGE" ? ` A pipeline cannot confirm that: move ${request.alias} to v${version.number} in the model registry.` : "";
        throw new Error(`Registered ${registeredModel.name} v${version.number}, but ${request.alias} ${stays}: ${error.message}${next}`);
      }
    }
    const outcome = { modelName: registeredModel.name, version: version.number, created, alias: request.alias, moved: decision.move, previousVersion };
    return { ...outcome, ...(decision.comparison === undefined ? {} : { comparison: decision.comparison }), message: outcomeMessage(outcome, decision.reason) };
  }
}
