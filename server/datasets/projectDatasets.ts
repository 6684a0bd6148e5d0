import { readFile } from "node:fs/promises";
import path from "node:path";
import { sampleName, type DatasetResolver } from "@/pipeline/runtime/datasets";

const SAMPLE_DIRECTORY = path.join(process.cwd(), "public", "datasets");
const SAMPLE_NAME = /^[a-z0-9_-]+$/i;

/**
 * Datasets a project's pipelines may read on the server. Only known references
 * resolve: never an arbitrary path, since the reference comes from the user.
 */
export function projectDatasets(): DatasetResolver {
  return {
    async resolve(reference) {
      const sample = sampleName(reference);
      if (sample === undefined || !SAMPLE_NAME.test(sample)) {
        throw new Error(`Unknown dataset "${reference}". Use a bundled sample such as sample:iris.`);
      }
      const file = path.join(SAMPLE_DIRECTORY, `${sample}.csv`);
      const bytes = await readFile(file).catch(() => {
        throw new Error(`No sample dataset named "${sample}".`);
      });
      return { bytes: new Uint8Array(bytes), name: `${sample}.csv` };
    },
  };
}
