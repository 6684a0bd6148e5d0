"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/Alert";
import { useTRPC } from "@/components/trpc/client";
import { OutputPreviewView } from "./OutputPreviewView";

/** A stored artifact summarised by the server, so a finished run's outputs, figures and trials need no re-run. */
export function StoredPreview({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const trpc = useTRPC();
  // Artifacts are immutable and decoding a big one costs the server: read each once per page.
  const stored = useQuery({ ...trpc.artifact.preview.queryOptions({ projectId, artifactId }), staleTime: Infinity });
  if (stored.error) return <Alert>{stored.error.message}</Alert>;
  if (!stored.data) return <p className="text-xs text-slate-500">Loading…</p>;
  if (!stored.data.preview) return null;
  return <OutputPreviewView preview={stored.data.preview} />;
}
