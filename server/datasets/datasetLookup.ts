import { parseDatasetReference } from "@/pipeline/spec/datasetReference";
import type { Db } from "../db";

const lookupFields = { id: true, number: true, storageKey: true, fileName: true, contentHash: true, columnCount: true } as const;

export interface FoundDatasetVersion {
  id: string;
  number: number;
  storageKey: string;
  fileName: string;
  contentHash: string;
  columnCount: number;
  dataset: { id: string; name: string };
}

/** The project dataset a key names: its id (older references) first, else its name. */
async function findDataset(db: Db, projectId: string, key: string) {
  const found = await db.dataset.findMany({ where: { projectId, OR: [{ id: key }, { name: key }] }, select: { id: true, name: true } });
  return found.find((d) => d.id === key) ?? found[0] ?? null;
}

async function versionOf(db: Db, dataset: { id: string; name: string }, number: number | undefined): Promise<FoundDatasetVersion | null> {
  const version = await db.datasetVersion.findFirst({
    where: { datasetId: dataset.id, ...(number === undefined ? {} : { number }) },
    orderBy: { number: "desc" },
    select: lookupFields,
  });
  return version && { ...version, dataset };
}

/**
 * The project dataset version a reference reads (see pipeline/spec/datasetReference.ts): `dataset:<id or name>`,
 * `dataset:<name>@<n>`, or a bare name. Null when the reference names no dataset of this project (a sample,
 * a typo, a deleted dataset); `pinnedVersionId` (fixed when a run started) wins over "newest".
 */
export async function findDatasetVersion(db: Db, projectId: string, reference: string, pinnedVersionId?: string): Promise<FoundDatasetVersion | null> {
  const parsed = parseDatasetReference(reference);
  if (parsed.kind === "sample") return null;
  const key = parsed.kind === "project" ? parsed.key : parsed.value;
  if (pinnedVersionId !== undefined) {
    const pinned = await db.datasetVersion.findFirst({
      where: { id: pinnedVersionId, dataset: { projectId } },
      select: { ...lookupFields, dataset: { select: { id: true, name: true } } },
    });
    return pinned;
  }
  const number = parsed.kind === "project" ? parsed.version : undefined;
  const dataset = await findDataset(db, projectId, key);
  if (dataset) return versionOf(db, dataset, number);
  // A name that itself ends in "@<digits>" (names are free text): read it whole.
  if (number !== undefined) {
    const whole = await findDataset(db, projectId, `${key}@${number}`);
    if (whole) return versionOf(db, whole, undefined);
  }
  return null;
}
