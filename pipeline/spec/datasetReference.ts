/**
 * What a Load node's `dataset` param names. One syntax everywhere (canvas, server, browser, CLI):
 *
 * - `sample:<name>`: a sample bundled with the app (public/datasets/<name>.csv).
 * - `dataset:<name>`: the project's dataset of that name, newest version; `dataset:<name>@<n>` pins version n.
 *   `dataset:<id>` (what older pipelines hold) still reads the dataset with that id.
 * - anything else (`churn`, `data/churn.csv`): in the app, the project's dataset of that name (else the sample of
 *   that name); in `vajra run`, a `--dataset <name>=<path>` given on the command line, else a file path.
 */
export type DatasetReference =
  | { kind: "sample"; name: string }
  /** `key` is a dataset name or (older references) a dataset id; `version` a version number. */
  | { kind: "project"; key: string; version?: number }
  | { kind: "bare"; value: string };

export const SAMPLE_PREFIX = "sample:";
export const PROJECT_DATASET_PREFIX = "dataset:";

const VERSION_SUFFIX = /^(.+)@(\d{1,9})$/;

export function parseDatasetReference(reference: string): DatasetReference {
  if (reference.startsWith(SAMPLE_PREFIX)) return { kind: "sample", name: reference.slice(SAMPLE_PREFIX.length) };
  if (reference.startsWith(PROJECT_DATASET_PREFIX)) {
    const rest = reference.slice(PROJECT_DATASET_PREFIX.length);
    const pinned = VERSION_SUFFIX.exec(rest);
    return pinned ? { kind: "project", key: pinned[1]!, version: Number(pinned[2]) } : { kind: "project", key: rest };
  }
  return { kind: "bare", value: reference };
}

/** The reference a picker writes for a project dataset: by name, so it reads the newest version and survives export. */
export function projectDatasetReference(name: string, version?: number): string {
  return `${PROJECT_DATASET_PREFIX}${name}${version === undefined ? "" : `@${version}`}`;
}

/**
 * The names a reference may be given by in `vajra run --dataset <name>=<path>`: `dataset:churn`, `dataset:churn@2`
 * and a bare `churn` all answer to "churn"; the exact reference also matches (e.g. `dataset:<id>=...`).
 */
export function referenceNames(reference: string): string[] {
  const parsed = parseDatasetReference(reference);
  switch (parsed.kind) {
    case "project":
      return [reference, parsed.key];
    case "bare":
      return [reference];
    case "sample":
      return [];
  }
}
