import type { BlobStore } from "../artifacts/blobStore";
import type { Db } from "../db";
import { parseSignature } from "../deployments/signature";
import { servedCopyOf, switchServedVersion } from "../deployments/switchVersion";
import { DomainError } from "../errors/domainError";
import { contractChanges, refuseUnconfirmedContractChanges } from "./contractCheck";
import type { RegistryActor } from "./registryActor";
import { aliasNameSchema } from "./registeredModelNames";

export interface AliasMoveInput {
  projectId: string;
  registeredModelId: string;
  alias: string;
  /** The version to point at; null removes the alias. */
  versionId: string | null;
  actor: RegistryActor;
  reason?: string;
  /** The user saw the contract changes (previewAliasMove) and accepts them. */
  acceptContractChange?: boolean;
}

async function requireModel(db: Db, projectId: string, registeredModelId: string) {
  const model = await db.registeredModel.findFirst({ where: { id: registeredModelId, projectId } });
  if (!model) throw new DomainError("notFound", "Registered model not found in this project.");
  return model;
}

async function requireVersion(db: Db, registeredModelId: string, versionId: string) {
  const version = await db.registeredModelVersion.findFirst({ where: { id: versionId, registeredModelId } });
  if (!version) throw new DomainError("notFound", "That version does not belong to this model.");
  return version;
}

/** What moving the alias would do: where it points now, and the endpoints that follow it whose contract would change. */
export async function previewAliasMove(db: Db, input: Omit<AliasMoveInput, "actor" | "reason" | "acceptContractChange">) {
  const alias = aliasNameSchema.parse(input.alias);
  await requireModel(db, input.projectId, input.registeredModelId);
  const current = await db.modelAlias.findUnique({ where: { registeredModelId_name: { registeredModelId: input.registeredModelId, name: alias } } });
  const following = await db.deployment.findMany({
    where: { registeredModelId: input.registeredModelId, servedAlias: alias },
    select: { id: true, name: true },
  });
  const target = input.versionId === null ? null : await requireVersion(db, input.registeredModelId, input.versionId);
  const changes =
    target === null
      ? []
      : await contractChanges(
          db,
          following.map((d) => d.id),
          parseSignature(target.signature),
        );
  return { alias, fromVersionId: current?.versionId ?? null, toVersionId: target?.id ?? null, deployments: following, contractChanges: changes };
}

/**
 * Points an alias at a version (or removes it) and records the move. Endpoints that serve the
 * alias switch to the new version, warmed first; one whose inputs would change is refused unless
 * the caller accepted the change. An endpoint keeps serving its version when the alias is removed.
 */
export async function moveAlias(db: Db, blobs: BlobStore, input: AliasMoveInput) {
  const preview = await previewAliasMove(db, input);
  if (preview.fromVersionId === preview.toVersionId) return preview;
  refuseUnconfirmedContractChanges(preview.contractChanges, input.acceptContractChange ?? false);
  const target = preview.toVersionId === null ? null : await requireVersion(db, input.registeredModelId, preview.toVersionId);
  const copies =
    target === null
      ? []
      : await Promise.all(
          preview.deployments.map(async (d) => ({ deploymentId: d.id, copy: await servedCopyOf(db, blobs, { id: d.id, projectId: input.projectId }, target) })),
        );
  await db.$transaction(async (tx) => {
    const key = { registeredModelId_name: { registeredModelId: input.registeredModelId, name: preview.alias } };
    if (target === null) await tx.modelAlias.deleteMany({ where: { registeredModelId: input.registeredModelId, name: preview.alias } });
    else
      await tx.modelAlias.upsert({
        where: key,
        create: { registeredModelId: input.registeredModelId, name: preview.alias, versionId: target.id },
        update: { versionId: target.id },
      });
    await tx.modelAliasMove.create({
      data: {
        registeredModelId: input.registeredModelId,
        alias: preview.alias,
        fromVersionId: preview.fromVersionId,
        toVersionId: preview.toVersionId,
        actorId: input.actor.userId,
        actorLabel: input.actor.label,
        reason: input.reason ?? "",
      },
    });
  });
  for (const { deploymentId, copy } of copies) await switchServedVersion(db, deploymentId, copy.id);
  return preview;
}
