import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDatasetReference, referenceNames } from "../spec/datasetReference";
import type { DatasetResolver } from "../spec/datasetResolver";

/** The bundled sample datasets shipped with the app. */
export const SAMPLE_DIRECTORY = fileURLToPath(new URL("../../public/datasets/", import.meta.url));

const SAMPLE_NAME = /^[a-z0-9_-]+$/i;

export interface FileDatasetOptions {
  sampleDirectory?: string;
  /**
   * `--dataset <name>=<path>` from the command line: a project dataset that an exported spec names
   * (`dataset:churn`, `dataset:churn@2`, `churn`) read from a local file. Paths are as given (relative to the cwd).
   */
  named?: Record<string, string>;
}

/**
 * Reads `sample:<name>` from public/datasets, references given a file with `--dataset`, and any other
 * reference as a file path, relative paths taken from `baseDirectory` (the spec's folder for the CLI).
 */
export function fileDatasets(baseDirectory: string, options: FileDatasetOptions = {}): DatasetResolver {
  const sampleDirectory = options.sampleDirectory ?? SAMPLE_DIRECTORY;
  const named = options.named ?? {};
  return {
    async resolve(reference) {
      const parsed = parseDatasetReference(reference);
      const given = referenceNames(reference).find((name) => named[name] !== undefined);
      let path: string;
      if (given !== undefined) {
        path = resolve(named[given]!);
      } else if (parsed.kind === "sample") {
        if (!SAMPLE_NAME.test(parsed.name)) throw new Error(`"${parsed.name}" is not a sample dataset name`);
        path = join(sampleDirectory, `${parsed.name}.csv`);
      } else if (parsed.kind === "project") {
        // Uploaded to a Vajra project: its bytes are not in the exported spec.
        throw new Error(
          `Dataset "${parsed.key}" is in the Vajra project; pass --dataset ${parsed.key}=path/to/${parsed.key}.csv ` +
            `(download it from the project's Datasets page).`,
        );
      } else {
        path = isAbsolute(reference) ? reference : resolve(baseDirectory, reference);
      }
      try {
        return { bytes: new Uint8Array(await readFile(path)), name: path };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") {
          if (given !== undefined) throw new Error(`Dataset file not found: ${path} (given by --dataset ${given}=${named[given]})`);
          if (parsed.kind === "sample") throw new Error(`No sample dataset named "${parsed.name}"`);
          throw new Error(
            SAMPLE_NAME.test(reference)
              ? `Dataset file not found: ${path}. If "${reference}" is a dataset of the Vajra project, pass --dataset ${reference}=path/to/${reference}.csv`
              : `Dataset file not found: ${path}`,
          );
        }
        throw error;
      }
    },
  };
}
