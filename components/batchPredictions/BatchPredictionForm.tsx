"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { FILE_INPUT_CLASS } from "@/components/ui/fileInputClass";
import { SelectField } from "@/components/ui/SelectField";
import { useTRPC } from "@/components/trpc/client";
import { fileColumns } from "./fileColumns";

export type BatchModel = { deploymentId: string } | { registeredVersionId: string };

interface Props {
  projectId: string;
  model: BatchModel;
  /** The features the model reads, to say before upload which columns the table lacks. */
  features: string[];
  onStarted(): void;
}

const NO_KEY = "";

/** Chooses what to score (an uploaded file or a dataset version of the project) and the key column, then starts the job. */
export function BatchPredictionForm({ projectId, model, features, onStarted }: Props) {
  const trpc = useTRPC();
  const [source, setSource] = useState<"upload" | "dataset">("upload");
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[] | null>(null);
  const [datasetId, setDatasetId] = useState("");
  const [versionId, setVersionId] = useState("");
  const [keyColumn, setKeyColumn] = useState(NO_KEY);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const createFromDataset = useMutation(trpc.batchPrediction.create.mutationOptions());
  const datasets = useQuery({ ...trpc.dataset.list.queryOptions({ projectId }), enabled: source === "dataset" });
  const uploaded = (datasets.data ?? []).filter((d) => d.kind === "project" && d.datasetId !== null);
  const versions = useQuery({ ...trpc.dataset.versions.queryOptions({ projectId, datasetId }), enabled: source === "dataset" && datasetId !== "" });
  const version = versions.data?.versions.find((v) => v.id === versionId);
  const known = source === "upload" ? columns : (version?.schema?.columns.map((c) => c.name) ?? null);
  const missing = known === null ? [] : features.filter((feature) => !known.includes(feature));

  async function pickFile(picked: File | null) {
    setFile(picked);
    setKeyColumn(NO_KEY);
    setError(null);
    setColumns(picked ? await fileColumns(picked) : null);
  }

  function pickSource(next: "upload" | "dataset") {
    setSource(next);
    setKeyColumn(NO_KEY);
    setError(null);
  }

  async function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    setPending(true);
    try {
      if (source === "upload") {
        if (!file) throw new Error("Choose a CSV, JSON Lines or Parquet file to score.");
        const body = new FormData();
        for (const [name, value] of Object.entries(model)) body.set(name, value);
        body.set("keyColumn", keyColumn);
        body.set("file", file, file.name);
        const response = await fetch(`/api/projects/${encodeURIComponent(projectId)}/batch-predictions`, { method: "POST", body });
        if (!response.ok) {
          const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(answer?.error?.message ?? `Could not start the batch (${response.status}).`);
        }
        form.reset();
        setFile(null);
        setColumns(null);
        setKeyColumn(NO_KEY);
      } else {
        if (!versionId) throw new Error("Choose a dataset and a version to score.");
        await createFromDataset.mutateAsync({ projectId, model, datasetVersionId: versionId, keyColumn });
      }
      onStarted();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={start} className="flex flex-col gap-3" aria-label="New batch prediction">
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">What to score</legend>
        <label className="flex items-center gap-1">
          <input type="radio" name="batch-source" checked={source === "upload"} onChange={() => pickSource("upload")} /> Upload a file
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="batch-source" checked={source === "dataset"} onChange={() => pickSource("dataset")} /> A dataset version
        </label>
      </fieldset>
      {source === "upload" ? (
        <input
          type="file"
          accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,.parquet"
          aria-label="Table to score"
          className={FILE_INPUT_CLASS}
          onChange={(e) => void pickFile(e.target.files?.[0] ?? null)}
        />
      ) : (
        <div className="flex flex-wrap gap-3">
          <SelectField
            label="Dataset"
            value={datasetId}
            onChange={(e) => {
              setDatasetId(e.target.value);
              setVersionId("");
              setKeyColumn(NO_KEY);
            }}
            options={[
              { value: "", label: uploaded.length === 0 ? "No uploaded datasets" : "Choose…" },
              ...uploaded.map((d) => ({ value: d.datasetId!, label: d.name })),
            ]}
          />
          <SelectField
            label="Version"
            value={versionId}
            disabled={!datasetId}
            onChange={(e) => {
              setVersionId(e.target.value);
              setKeyColumn(NO_KEY);
            }}
            options={[
              { value: "", label: "Choose…" },
              ...(versions.data?.versions ?? []).map((v) => ({ value: v.id, label: `v${v.number} · ${v.fileName} · ${v.rowCount.toLocaleString("en")} rows` })),
            ]}
          />
        </div>
      )}
      {source === "dataset" && datasets.data && uploaded.length === 0 && (
        <p className="text-sm text-slate-500">
          This project has no uploaded datasets yet (bundled samples cannot be scored here).{" "}
          <Link href={`/projects/${projectId}`} className="text-indigo-700 hover:underline">
            Upload one on the project page
          </Link>{" "}
          or choose “Upload a file”.
        </p>
      )}
      {known !== null ? (
        <SelectField
          label="Key column"
          value={keyColumn}
          onChange={(e) => setKeyColumn(e.target.value)}
          options={[{ value: NO_KEY, label: "None: number the rows" }, ...known.map((name) => ({ value: name, label: name }))]}
        />
      ) : (
        source === "upload" &&
        file && (
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            Key column (optional)
            <input
              value={keyColumn}
              onChange={(e) => setKeyColumn(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal"
            />
          </label>
        )
      )}
      {missing.length > 0 && (
        <Alert>
          The model reads {missing.map((m) => `"${m}"`).join(", ")}, which this table lacks. Add {missing.length === 1 ? "that column" : "those columns"} (empty
          cells are fine) before scoring.
        </Alert>
      )}
      {error && <Alert>{error}</Alert>}
      <div>
        <Button type="submit" disabled={pending || missing.length > 0}>
          {pending ? "Starting…" : "Start batch prediction"}
        </Button>
      </div>
    </form>
  );
}
