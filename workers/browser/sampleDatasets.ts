import { sampleName, type DatasetResolver } from "@/pipeline/runtime/datasets";

/** Bundled samples are static files of the app, fetched from the same origin. */
export const browserDatasets: DatasetResolver = {
  async resolve(reference, signal) {
    const name = sampleName(reference);
    if (name === undefined || !/^[a-z0-9_-]+$/i.test(name)) {
      throw new Error(`Unknown dataset "${reference}". Use a bundled sample such as sample:iris.`);
    }
    const response = await fetch(`/datasets/${name}.csv`, { signal: signal ?? null });
    if (!response.ok) throw new Error(`No sample dataset named "${name}".`);
    return { bytes: new Uint8Array(await response.arrayBuffer()), name: `${name}.csv` };
  },
};
