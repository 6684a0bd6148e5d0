"use client";

import { wrap, type Remote } from "comlink";
import { useCallback, useEffect, useRef, useState } from "react";
import { readBackendPreference, readMeasuredBackend, writeMeasuredBackend } from "@/components/runs/backendPreference";
import type { CellOutput } from "@/contracts/notebookCells";
import type { NotebookBackend, NotebookRunRequest, NotebookWorkerApi } from "@/workers/browser/notebookWorker";

export type KernelStatus = "stopped" | "idle" | "busy";

/** An interrupted run says which variables went with the kernel. */
export type KernelRunResult = { status: "done"; outputs: CellOutput[] } | { status: "interrupted"; lost: string[] };

/** "measuring": nothing was remembered, so the kernel times each backend before the first cell runs. */
export type KernelBackend = (NotebookBackend & { pinned: boolean }) | "measuring";

interface Session {
  worker: Worker;
  api: Remote<NotebookWorkerApi>;
  /** Resolves when the session is terminated, so a run in progress settles as interrupted. */
  stopped: Promise<"terminated">;
  stop(): void;
  /** What cells of this session have defined, as of the last finished run. */
  variables: string[];
}

function startSession(projectId: string, onBackend: (backend: KernelBackend) => void): Session {
  const worker = new Worker(new URL("../../workers/browser/notebookWorker.ts", import.meta.url), { type: "module" });
  const api = wrap<NotebookWorkerApi>(worker);
  let stop = () => {};
  const stopped = new Promise<"terminated">((resolve) => {
    stop = () => resolve("terminated");
  });
  // Cells compute where training does: the backend pinned on the Compute page, else the fastest this browser measured.
  const pinned = readBackendPreference();
  const backend = pinned ?? readMeasuredBackend();
  if (backend === null) onBackend("measuring");
  void api.start({ projectId, backend }).then(
    (backend) => {
      if (backend.measured && backend.active) writeMeasuredBackend(backend.active);
      onBackend({ ...backend, pinned: pinned !== null && backend.active === pinned });
    },
    () => {},
  );
  return { worker, api, stopped, stop, variables: [] };
}

/**
 * The notebook's kernel: one Web Worker per session, started on first run. Interrupting or
 * restarting terminates it (a busy loop never yields to a cancel message) and the next run
 * starts a fresh one, so variables are gone after either, as in Jupyter; an interrupted run
 * reports which.
 */
export function useNotebookKernel(projectId: string) {
  const session = useRef<Session | null>(null);
  const [status, setStatus] = useState<KernelStatus>("stopped");
  const [backend, setBackend] = useState<KernelBackend | null>(null);

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
      const current = (session.current ??= startSession(projectId, setBackend));
      setStatus("busy");
      try {
        const result = await Promise.race([current.api.run(request), current.stopped]);
        if (result === "terminated") return { status: "interrupted", lost: current.variables };
        current.variables = result.variables;
        return { status: "done", outputs: result.outputs };
      } catch (error) {
        // The worker itself failed (e.g. it could not load): shown on the cell like any error.
        return { status: "done", outputs: [{ type: "error", message: error instanceof Error ? error.message : String(error), line: null }] };
      } finally {
        if (session.current === current) setStatus("idle");
      }
    },
    [projectId],
  );

  return { status, backend, run, interrupt: terminate, restart: terminate };
}
