"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

interface Imported {
  id: string;
  name: string;
}

/**
 * Sends the archive as the raw request body. XMLHttpRequest rather than fetch because only it
 * reports upload progress, and an archive with its datasets can take a while to send.
 */
function uploadArchive(file: File, onProgress: (fraction: number) => void): Promise<Imported> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/projects/import");
    request.setRequestHeader("content-type", "application/gzip");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: { id?: string; name?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // Not our JSON (a proxy's error page): the status below says enough.
      }
      if (request.status === 201 && body.id !== undefined && body.name !== undefined) resolve({ id: body.id, name: body.name });
      else reject(new Error(body.error?.message ?? `The import failed (HTTP ${request.status}).`));
    };
    request.onerror = () => reject(new Error("The upload was interrupted. Check the connection and try again."));
    request.send(file);
  });
}

/** Imports a `.vajra.tar.gz` project archive as a new project of the signed-in user, then opens it. */
export function ImportProjectButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = "";
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const project = await uploadArchive(file, setProgress);
      await refreshQueries(queryClient, { queryKey: trpc.project.list.queryKey() });
      router.push(`/projects/${project.id}`);
    } catch (failure) {
      setError((failure as Error).message);
      setProgress(null);
    }
  }

  const busy = progress !== null;
  // Past 100% sent, the server is still checking the files and writing the project.
  const label = !busy ? "Import project" : progress < 1 ? `Uploading… ${Math.floor(progress * 100)}%` : "Importing…";
  return (
    <div className="flex flex-col items-end gap-1">
      <label
        aria-busy={busy}
        className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-within:ring-2 focus-within:ring-indigo-500"
      >
        {label}
        <input type="file" accept=".gz,.tgz,application/gzip" aria-label="Import project archive" className="sr-only" disabled={busy} onChange={choose} />
      </label>
      {error && (
        <div className="max-w-md">
          <Alert>{error}</Alert>
        </div>
      )}
    </div>
  );
}
