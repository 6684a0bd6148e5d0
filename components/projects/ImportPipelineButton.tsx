"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { useTRPC } from "@/components/trpc/client";
import { MAX_TRPC_BODY_BYTES } from "@/contracts/requestLimits";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/**
 * The file travels as one tRPC request, with a little superjson framing: keep a margin
 * under the API's body limit. (Pipeline files are a few KB; a bigger one is usually a dataset picked by mistake.)
 */
const MAX_PIPELINE_FILE_BYTES = Math.floor(MAX_TRPC_BODY_BYTES * 0.9);

/** Opens a pipeline file (an exported spec, a `vajra` example, a canvas graph) as a new pipeline in this project. */
export function ImportPipelineButton({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [fileError, setFileError] = useState<string | null>(null);
  const importFile = useMutation(
    trpc.pipeline.import.mutationOptions({
      onSuccess: async ({ id }) => {
        await refreshQueries(queryClient, { queryKey: trpc.pipeline.list.queryKey({ projectId }) });
        router.push(`/projects/${projectId}/pipelines/${id}`);
      },
    }),
  );

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = "";
    if (!file) return;
    setFileError(null);
    importFile.reset();
    if (file.size > MAX_PIPELINE_FILE_BYTES) {
      setFileError(
        `${file.name} is ${Math.round(file.size / 1024)} KB; a pipeline file can be at most ${Math.floor(MAX_PIPELINE_FILE_BYTES / 1024)} KB. (Datasets are uploaded under Datasets.)`,
      );
      return;
    }
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (error) {
      setFileError(`${file.name} is not JSON: ${(error as Error).message}`);
      return;
    }
    const name = file.name.replace(/\.json$/i, "").slice(0, 100) || "Imported pipeline";
    importFile.mutate({ projectId, name, fileName: file.name, document });
  }

  const error = fileError ?? importFile.error?.message ?? null;
  return (
    <div className="flex flex-col items-end gap-1">
      <label className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-within:ring-2 focus-within:ring-indigo-500">
        {importFile.isPending ? "Importing…" : "Import file"}
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import pipeline file"
          className="sr-only"
          disabled={importFile.isPending}
          onChange={choose}
        />
      </label>
      {error && (
        <div className="max-w-md">
          <Alert>{error}</Alert>
        </div>
      )}
    </div>
  );
}
