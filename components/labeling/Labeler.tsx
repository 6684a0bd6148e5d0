"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { isTypingTarget } from "@/components/canvas/keyboard";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { labelingKeyAction, type LabelingKeyAction } from "./labelingKeys";
import { RowCard } from "./RowCard";
import type { ClaimedItem } from "./types";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/**
 * One editor labelling a queue: the row they hold as a card with the model's guess beside it, a button (and
 * key) per class, skip and undo. Each action goes to the server, which refuses a row someone else holds, and
 * the next row is claimed right after; keys pressed while an action is in flight are ignored, not queued.
 */
export function Labeler({ projectId, queueId, classes, openCount }: { projectId: string; queueId: string; classes: string[]; openCount: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { projectId, queueId };
  const [item, setItem] = useState<ClaimedItem | null | undefined>(undefined);
  const [notice, setNotice] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const busy = useRef(false);
  const [pending, setPending] = useState(false);

  const next = useMutation(trpc.labeling.next.mutationOptions());
  const label = useMutation(trpc.labeling.label.mutationOptions());
  const skip = useMutation(trpc.labeling.skip.mutationOptions());
  const undo = useMutation(trpc.labeling.undo.mutationOptions());

  const run = useCallback(
    async (action: () => Promise<ClaimedItem | null>) => {
      if (busy.current) return;
      busy.current = true;
      setPending(true);
      try {
        setItem(await action());
      } catch (error) {
        setNotice({ tone: "error", text: error instanceof Error ? error.message : String(error) });
        // The row may have gone to a teammate (lease lapsed): carry on with the next one.
        setItem(await next.mutateAsync(ref).catch(() => null));
      } finally {
        busy.current = false;
        setPending(false);
        void refreshQueries(queryClient, { queryKey: trpc.labeling.queue.queryKey(ref) });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- ref is rebuilt each render from projectId and queueId
    [projectId, queueId],
  );

  const act = useCallback(
    (action: LabelingKeyAction) => {
      void run(async () => {
        setNotice(null);
        if (action.kind === "undo") {
          const undone = await undo.mutateAsync(ref);
          if (undone === null) {
            setNotice({ tone: "info", text: "Nothing to undo: you have no labels left in this queue." });
            return item ?? null;
          }
          setNotice({ tone: "info", text: `Took back your label “${undone.value}”. Label this row again.` });
          return undone.item;
        }
        if (item === null || item === undefined) return next.mutateAsync(ref);
        if (action.kind === "skip") await skip.mutateAsync({ ...ref, itemId: item.id });
        else await label.mutateAsync({ ...ref, itemId: item.id, value: action.value });
        return next.mutateAsync(ref);
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- ref is rebuilt each render from projectId and queueId
    [item, run],
  );

  useEffect(() => {
    void run(() => next.mutateAsync(ref));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- claim once per queue
  }, [projectId, queueId]);

  // A retrain (here or a teammate's) queues the next round: someone with nothing to label looks again by themselves.
  const waiting = item === null;
  useEffect(() => {
    if (waiting && openCount > 0) void run(() => next.mutateAsync(ref));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the open count changes while waiting
  }, [waiting, openCount]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || event.repeat) return;
      if (document.querySelector("[role=dialog]")) return;
      const action = labelingKeyAction(event, classes);
      if (action === null) return;
      event.preventDefault();
      act(action);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [act, classes]);

  return (
    <section className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Label rows" aria-busy={pending}>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {item === undefined && <p className="text-sm text-slate-500">Finding a row for you…</p>}
      {item === null && (
        <div className="flex flex-col items-start gap-2">
          <Alert tone="success">Nothing left for you to label in this queue: teammates hold the rest, or every row is done.</Alert>
          <p className="text-sm text-slate-600">Commit the labels, or retrain and sample again for the next round.</p>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => void run(() => next.mutateAsync(ref))} disabled={pending}>
              Look again
            </Button>
            <Button variant="ghost" onClick={() => act({ kind: "undo" })} disabled={pending}>
              Undo my last label <kbd className="ml-1 rounded border border-slate-300 px-1 font-mono text-xs">Z</kbd>
            </Button>
          </div>
        </div>
      )}
      {item && (
        <>
          <RowCard item={item} />
          <div className="flex flex-wrap gap-2" role="group" aria-label="Classes">
            {classes.map((value, i) => (
              <Button key={value} onClick={() => act({ kind: "label", value })} disabled={pending} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}>
                {i < 9 && <kbd className="rounded bg-indigo-800/40 px-1 font-mono text-xs">{i + 1}</kbd>}
                {value}
              </Button>
            ))}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => act({ kind: "skip" })} disabled={pending} aria-keyshortcuts="S">
              <kbd className="rounded border border-slate-300 px-1 font-mono text-xs">S</kbd> Skip
            </Button>
            <Button variant="ghost" onClick={() => act({ kind: "undo" })} disabled={pending} aria-keyshortcuts="Z Control+Z">
              <kbd className="rounded border border-slate-300 px-1 font-mono text-xs">Z</kbd> Undo
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
