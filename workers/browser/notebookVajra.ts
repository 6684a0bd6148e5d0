import type { Table } from "@/pipeline/ml/table/table";
import { parseDataset } from "@/pipeline/ml/table/dataset-format";
import { decodeArtifactValue, type JsonValue } from "@/pipeline/runtime/artifactCodec";
import type { ApiOf, VAJRA_MEMBERS } from "./notebookApiMembers";
import { NotebookTable } from "./notebookTable";

/** The `vajra` object given to notebook code. `fetchOwn` is the worker's unguarded fetch (same-origin, with the session). */
export function createVajraApi(projectId: string, fetchOwn: typeof fetch) {
  return {
    /**
     * A dataset as a table: the latest version of the project's dataset of that name
     * (uploaded in any format Load reads), else the bundled sample of that name.
     */
    async dataset(name: string): Promise<NotebookTable> {
      if (typeof name !== "string" || name.trim() === "") throw new Error('Name a dataset, e.g. vajra.dataset("iris").');
      // One request: the server falls back to the bundled sample of that name itself.
      const response = await fetchOwn(`/api/projects/${encodeURIComponent(projectId)}/datasets?name=${encodeURIComponent(name)}`);
      if (response.status === 404) throw new Error(`No dataset named "${name}" in this project, and no bundled sample of that name (such as "iris").`);
      if (!response.ok) throw new Error(`Dataset "${name}" could not be read (HTTP ${response.status}).`);
      const fileName = decodeURIComponent(response.headers.get("x-vajra-file-name") ?? `${name}.csv`);
      return new NotebookTable(await parseDataset(fileName, new Uint8Array(await response.arrayBuffer()), "auto"));
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
  } satisfies ApiOf<typeof VAJRA_MEMBERS>;
}
