import type { Table } from "@/pipeline/ml/table/table";
import { readCsv } from "@/pipeline/ml/table/read-csv";
import { decodeArtifactValue, type JsonValue } from "@/pipeline/runtime/artifactCodec";
import { NotebookTable } from "./notebookTable";

/** The `vajra` object given to notebook code. `fetchOwn` is the worker's unguarded fetch (same-origin, with the session). */
export function createVajraApi(projectId: string, fetchOwn: typeof fetch) {
  return {
    /** A bundled sample dataset (public/datasets/<name>.csv) as a table. */
    async dataset(name: string): Promise<NotebookTable> {
      if (!/^[a-z0-9_-]+$/i.test(name)) throw new Error(`Unknown dataset "${name}". Use a bundled sample such as "iris".`);
      const response = await fetchOwn(`/datasets/${name}.csv`);
      if (!response.ok) throw new Error(`No sample dataset named "${name}".`);
      return new NotebookTable(readCsv(new Uint8Array(await response.arrayBuffer())));
    },

    /** An artifact's value from this project (a Table comes back as a table with helpers). */
    async artifact(id: string): Promise<unknown> {
      // One path segment of an id, so the request can only ever name an artifact of this project.
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`"${id}" is not an artifact id.`);
      const response = await fetchOwn(`/api/projects/${encodeURIComponent(projectId)}/artifacts/${id}`);
      if (!response.ok) throw new Error(`Artifact "${id}" could not be read (HTTP ${response.status}).`);
      const value = decodeArtifactValue((await response.json()) as JsonValue);
      return response.headers.get("x-vajra-port-type") === "Table" ? new NotebookTable(value as Table) : value;
    },
  };
}
