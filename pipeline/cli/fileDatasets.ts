import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sampleName } from "../runtime/datasets";
import type { DatasetResolver } from "../spec/datasetResolver";

/** The bundled sample datasets shipped with the app. */
export const SAMPLE_DIRECTORY = fileURLToPath(new URL("../../public/datasets/", import.meta.url));

const SAMPLE_NAME = /^[a-z0-9_-]+$/i;

/**
 * Reads `sample:<name>` from public/datasets and any other reference as a file path,
 * relative paths taken from `baseDirectory` (the spec's folder for the CLI).
 */
export function fileDatasets(baseDirectory: string, sampleDirectory: string = SAMPLE_DIRECTORY): DatasetResolver {
  return {
    async resolve(reference) {
      const sample = sampleName(reference);
      let path: string;
      if (sample !== undefined) {
        if (!SAMPLE_NAME.test(sample)) throw new Error(`"${sample}" is not a sample dataset name`);
        path = join(sampleDirectory, `${sample}.csv`);
      } else {
        path = isAbsolute(reference) ? reference : resolve(baseDirectory, reference);
      }
      try {
        return { bytes: new Uint8Array(await readFile(path)), name: path };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") {
          throw new Error(sample === undefined ? `Dataset file not found: ${path}` : `No sample dataset named "${sample}"`);
        }
        throw error;
      }
    },
  };
}
