"use client";

import { wrap, type Remote } from "comlink";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CellOutput } from "@/contracts/notebookCells";
import type { NotebookRunRequest, NotebookWorkerApi } from "@/workers/browser/notebookWorker";

export type KernelStatus = "stopped" | "idle" | "busy";

export type KernelRunResult = { status: "done"; outputs: CellOutput[] } | { status: "interrupted" };

interface Session {
  worker: Worker;
  api: Remote<NotebookWorkerApi>;
  /** Resolves when the session is terminated, so a run in progress settles as interrupted. */
  stopped: Promise<"terminated">;
  stop(): void;
}

function startSession(projectId: string): Session {
  const worker = new Worker(new URL("../../workers/browser/notebookWorker.ts", import.meta.url), { type: "module" });
  const api = wrap<NotebookWorkerApi>(worker);
  let stop = () => {};
  const stopped = new Promise<"terminated">((resolve) => {
    stop = () => resolve("terminated");
  });
  void api.start({ projectId });
  return { worker, api, stopped, stop };
}

/**
 * The notebook's kernel: one Web Worker per session, started on first run. Interrupting or
 * restarting terminates it (a busy loop never yields to a cancel message) and the next run
 * starts a fresh one, so variables are gone after either, as in Jupyter.
 */
export function useNotebookKernel(projectId: string) {
  const session = useRef<Session | null>(null);
  const [status, setStatus] = useState<KernelStatus>("stopped");

  const terminate = useCallback(() => {
    const current = session.current;
    if (!current) return;
    session.current = null;
    current.worker.terminate();
    current.stop();
    setStatus("stopped");
  }, []);

  useEffect(() => terminate, [terminate]);

  const run = useCallback(
    async (request: NotebookRunRequest): Promise<KernelRunResult> => {
      const current = (session.current ??= startSession(projectId));
      setStatus("busy");
      try {
        const result = await Promise.race([current.api.run(request), current.stopped]);
        return result === "terminated" ? { status: "interrupted" } : { status: "done", outputs: result.outputs };
      } catch (error) {
        // The worker itself failed (e.g. it could not load): shown on the cell like any error.
        return { status: "done", outputs: [{ type: "error", message: error instanceof Error ? error.message : String(error), line: null }] };
      } finally {
        if (session.current === current) setStatus("idle");
      }
    },
    [projectId],
  );

  return { status, run, interrupt: terminate, restart: terminate };
}
