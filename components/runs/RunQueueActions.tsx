"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { useTRPC } from "@/components/trpc/client";
import type { RunQueuePosition } from "./queuePositionText";
import { refreshQueries } from "@/components/trpc/refreshQueries";

interface Props {
  projectId: string;
  run: { id: string; status: string; queue: RunQueuePosition | null };
}

/**
 * Move to front and Cancel for one active server run, for editors (the caller decides who
 * sees this). Cancelling cannot be undone, so it asks first; what the server answers is said in the row.
 */
export function RunQueueActions({ projectId, run }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // A result that describes the project queue (moved or not) is stale once the run left it, so it carries that phase.
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string; whilePhase?: string } | null>(null);
  const refresh = () => refreshQueries(queryClient, { queryKey: trpc.run.pathKey() });
  const moveToFront = useMutation(
    trpc.run.moveToFront.mutationOptions({
      onSuccess: (result) => {
        setMessage(
          result.moved
            ? { tone: "info", text: "Moved to the front of this project's queue.", whilePhase: "project" }
            : { tone: "info", text: "Already handed to the workers: it is ahead of every waiting run.", whilePhase: "worker" },
        );
        return refresh();
      },
      onError: (error) => setMessage({ tone: "error", text: error.message }),
    }),
  );
  const cancel = useMutation(
    trpc.run.cancel.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        setMessage(null);
        return refresh();
      },
      onError: (error) => {
        setConfirming(false);
        setMessage({ tone: "error", text: error.message });
      },
    }),
  );
  const busy = moveToFront.isPending || cancel.isPending;
  const canMoveToFront = run.status === "queued" && run.queue?.phase === "project" && run.queue.position > 1;

  return (
    <div className="flex flex-col items-start gap-1" onClick={(event) => event.stopPropagation()}>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-1" onKeyDown={(event) => event.key === "Escape" && setConfirming(false)}>
          <span className="text-xs" role="alert">
            {run.status === "running" ? "Stop this run? Its work so far is lost." : "Cancel this queued run? It will not run."}
          </span>
          <Button variant="danger" className="px-2 py-0.5 text-xs" disabled={busy} onClick={() => cancel.mutate({ projectId, runId: run.id })}>
            Cancel run
          </Button>
          <Button variant="ghost" className="px-2 py-0.5 text-xs" autoFocus onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <div className="flex gap-1 whitespace-nowrap">
          {canMoveToFront && (
            <Button
              variant="secondary"
              className="px-2 py-0.5 text-xs"
              disabled={busy}
              onClick={() => {
                setMessage(null);
                moveToFront.mutate({ projectId, runId: run.id });
              }}
            >
              Move to front
            </Button>
          )}
          <Button
            variant="ghost"
            className="px-2 py-0.5 text-xs"
            disabled={busy}
            onClick={() => {
              setMessage(null);
              setConfirming(true);
            }}
          >
            Cancel
          </Button>
        </div>
      )}
      {message && (message.whilePhase === undefined || message.whilePhase === run.queue?.phase) && (
        <p role={message.tone === "error" ? "alert" : "status"} className={`text-xs ${message.tone === "error" ? "text-rose-700" : "text-slate-600"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
