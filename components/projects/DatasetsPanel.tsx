"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { FILE_INPUT_CLASS } from "@/components/ui/fileInputClass";
import { uploadDataset } from "@/components/datasets/uploadDataset";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/** Datasets a Load node can read: bundled samples and the project's uploads (each upload is a new version; each opens its page). */
export function DatasetsPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const datasets = useQuery(trpc.dataset.list.queryOptions({ projectId }));
  const [uploading, setUploading] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  async function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setMessage({ tone: "error", text: "Choose a CSV, JSON, JSON Lines or Parquet file first." });
      return;
    }
    const name = String(data.get("name") || file.name.replace(/\.[^.]+$/, ""));
    setUploading(true);
    setMessage(null);
    const outcome = await uploadDataset(projectId, name, file);
    setUploading(false);
    if (!outcome.ok) {
      setMessage({ tone: "error", text: outcome.message });
      return;
    }
    form.reset();
    setMessage({ tone: "success", text: `Uploaded "${name}" as version ${outcome.versionNumber}.` });
    await refreshQueries(queryClient, { queryKey: trpc.dataset.list.queryKey({ projectId }) });
  }

  return (
    <section id="datasets" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 font-semibold">Datasets</h2>
      {canEdit && (
        <form onSubmit={onUpload} className="mb-3 flex flex-wrap items-end gap-2" aria-label="Upload dataset">
          <input name="file" type="file" accept=".csv,.tsv,.json,.jsonl,.ndjson,.parquet" aria-label="Dataset file" className={FILE_INPUT_CLASS} />
          <input
            name="name"
            placeholder="Name (defaults to the file name)"
            aria-label="Dataset name"
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
          <Button type="submit" disabled={uploading}>
            {uploading ? "Uploading…" : "Upload"}
          </Button>
        </form>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {datasets.error && <Alert>{datasets.error.message}</Alert>}
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Datasets">
        {datasets.data?.map((d) => (
          <li key={d.reference} className="flex items-center justify-between py-1.5">
            <span>
              {d.datasetId === null ? (
                <span className="font-medium">{d.name}</span>
              ) : (
                <Link href={`/projects/${projectId}/datasets/${d.datasetId}`} className="font-medium text-indigo-700 hover:underline">
                  {d.name}
                </Link>
              )}{" "}
              <code className="text-xs text-slate-500">{d.nameReference}</code>
            </span>
            <span className="text-xs text-slate-500">
              {d.kind === "sample" ? "sample" : `v${d.latestVersion?.number ?? "?"} · ${formatDate(d.latestVersion?.createdAt)}`}
              {d.rowCount !== null ? ` · ${d.rowCount.toLocaleString("en")} rows` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
