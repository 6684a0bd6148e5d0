"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { TablePreviewView } from "@/components/preview/TablePreviewView";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { FILE_INPUT_CLASS } from "@/components/ui/fileInputClass";
import { useTRPC } from "@/components/trpc/client";
import { DatasetVersionsTable } from "./DatasetVersionsTable";
import { DeleteDatasetButton } from "./DeleteDatasetButton";
import { uploadDataset } from "./uploadDataset";
import { refreshQueries } from "@/components/trpc/refreshQueries";

const panel = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

/** One project dataset: how a Load node names it, its versions (download any), a preview with column stats, a new version, delete. */
export function DatasetPage({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const versions = useQuery(trpc.dataset.versions.queryOptions({ projectId, datasetId }));
  // null: the newest version.
  const [chosen, setChosen] = useState<string | null>(null);
  const previewed = chosen ?? versions.data?.versions[0]?.id ?? null;
  const preview = useQuery({ ...trpc.dataset.preview.queryOptions({ projectId, versionId: previewed ?? "" }), enabled: previewed !== null });
  const [uploading, setUploading] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  if (versions.error)
    return (
      <div className="flex flex-col gap-3">
        <Alert>{versions.error.message}</Alert>
        <Link href={`/projects/${projectId}#datasets`} className="text-sm text-indigo-700 hover:underline">
          Back to the project’s datasets
        </Link>
      </div>
    );
  if (!versions.data || !project.data) return <p className="text-sm text-slate-500">Loading dataset…</p>;
  const { dataset } = versions.data;
  const canEdit = project.data.role !== "viewer";
  const previewedVersion = versions.data.versions.find((v) => v.id === previewed);

  async function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setMessage({ tone: "error", text: "Choose a CSV, JSON, JSON Lines or Parquet file first." });
      return;
    }
    setUploading(true);
    setMessage(null);
    const outcome = await uploadDataset(projectId, dataset.name, file);
    setUploading(false);
    if (!outcome.ok) {
      setMessage({ tone: "error", text: outcome.message });
      return;
    }
    form.reset();
    setChosen(null);
    setMessage({
      tone: "success",
      text: outcome.created ? `Uploaded as version ${outcome.versionNumber}.` : `That file is already the newest version (v${outcome.versionNumber}).`,
    });
    await Promise.all([
      refreshQueries(queryClient, { queryKey: trpc.dataset.versions.queryKey({ projectId, datasetId }) }),
      refreshQueries(queryClient, { queryKey: trpc.dataset.list.queryKey({ projectId }) }),
    ]);
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{dataset.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            A Load node reads the newest version as <code className="rounded bg-slate-100 px-1">{dataset.nameReference}</code>, or version n as{" "}
            <code className="rounded bg-slate-100 px-1">{dataset.nameReference}@n</code>. To run an exported pipeline with{" "}
            <code className="rounded bg-slate-100 px-1">vajra run</code>, download a version and pass{" "}
            <code className="rounded bg-slate-100 px-1">--dataset {dataset.name}=path/to/file</code>.
          </p>
        </div>
        {canEdit && <DeleteDatasetButton projectId={projectId} dataset={dataset} />}
      </div>

      <section className={panel} aria-label="Versions">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
          <h2 className="font-semibold">Versions</h2>
          {canEdit && (
            <form onSubmit={onUpload} className="flex flex-wrap items-end gap-2" aria-label="Upload a new version">
              <input name="file" type="file" accept=".csv,.tsv,.json,.jsonl,.ndjson,.parquet" aria-label="New version file" className={FILE_INPUT_CLASS} />
              <Button type="submit" disabled={uploading}>
                {uploading ? "Uploading…" : "Upload new version"}
              </Button>
            </form>
          )}
        </div>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {versions.data.versions.length === 0 ? (
          <p className="text-sm text-slate-500">No versions yet.</p>
        ) : (
          <DatasetVersionsTable projectId={projectId} versions={versions.data.versions} previewed={previewed} onPreview={setChosen} />
        )}
      </section>

      <section className={panel} aria-label="Preview">
        <h2 className="mb-3 font-semibold">
          Preview{previewedVersion ? ` of version ${previewedVersion.number}` : ""}
          {previewedVersion && <span className="ml-2 text-sm font-normal text-slate-500">{previewedVersion.fileName}</span>}
        </h2>
        {preview.isPending && previewed !== null && <p className="text-sm text-slate-500">Reading the file…</p>}
        {preview.error && <Alert>{preview.error.message}</Alert>}
        {preview.data && <TablePreviewView table={preview.data} />}
      </section>
    </div>
  );
}
