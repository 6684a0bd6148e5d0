import type { DatasetResolver } from "../spec/datasetResolver";

/** Sample datasets bundled with the app are referenced as `sample:<name>`. */
export const SAMPLE_PREFIX = "sample:";

export function sampleName(reference: string): string | undefined {
  return reference.startsWith(SAMPLE_PREFIX) ? reference.slice(SAMPLE_PREFIX.length) : undefined;
}

/** A resolver over an in-memory map, for tests and for callers that already hold the bytes. */
export function inMemoryDatasets(entries: Record<string, Uint8Array | string>): DatasetResolver {
  const encoder = new TextEncoder();
  return {
    async resolve(reference) {
      const entry = entries[reference];
      if (entry === undefined) throw new Error(`Dataset "${reference}" not found`);
      return { bytes: typeof entry === "string" ? encoder.encode(entry) : entry, name: reference };
    },
  };
}
