"use client";

import { proxy, wrap, type Remote } from "comlink";
import { useCallback, useEffect, useRef, useState } from "react";
import type { BackendProbe } from "@/pipeline/ml/tf/select-backend";
import type { RunEvent, RunEventListener } from "@/pipeline/runtime/events";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import type { BackendReport } from "@/workers/browser/backendChoice";
import type { BrowserRunOptions, BrowserRunResult, RunWorkerApi } from "@/workers/browser/runWorker";
import type { BrowserBackend } from "@/workers/browser/tfjsAssets";
import { readBackendPreference, readMeasuredBackend, writeBackendPreference, writeMeasuredBackend } from "./backendPreference";

/**
 * A training loop notices cancellation only between batches, and a long synchronous step
 * keeps the worker from even reading the request; after this long it is terminated instead.
 */
const HARD_CANCEL_MS = 3000;

export type RunnerStatus = "idle" | "probing" | "switching" | "running" | "cancelling";

export interface BrowserRunRequest extends BrowserRunOptions {
  /** Called for every event of this run as it happens (`events` collects them too). */
  onEvent?: RunEventListener;
}

export interface BrowserRunner {
  status: RunnerStatus;
  /** TensorFlow.js is loading or its backend is being chosen (beside whatever `status` says). */
  starting: boolean;
  /** The TF.js backend the worker trains on; null until the worker has probed or applied an override. */
  backend: BrowserBackend | null;
  /** Fastest backend in the last probe. */
  chosen: BrowserBackend | null;
  /** The user's pinned backend (persisted in localStorage), or null for the measured choice. */
  override: BrowserBackend | null;
  /** Last probe: samples/s per backend, or the error that kept it from running. */
  probes: BackendProbe[];
  /** Events of the current (or last) run, in order. */
  events: RunEvent[];
  /** Why the last probe, backend switch or run could not be carried out (a failing pipeline is a result, not this). */
  error: string | null;
  probe(): Promise<BackendReport>;
  /**
   * Starts the worker and TensorFlow.js on the backend this browser measured before (probing only
   * if it never did). Call it when a run is likely, e.g. once a pipeline is open; a run does not wait
   * for it, only its neural models do.
   */
  warmUp(): Promise<BackendReport>;
  /** Pins a backend (null: back to the measured choice) and remembers it in this browser. */
  setBackend(backend: BrowserBackend | null): Promise<BackendReport>;
  /** Runs the spec (or only what `targetNodeId` needs) in the worker; node outputs are cached across runs. */
  run(spec: PipelineSpec, request?: BrowserRunRequest): Promise<BrowserRunResult>;
  /** Stops the current run; its promise resolves with status "cancelled". */
  cancel(): void;
  /** Drops the worker's cached node outputs. */
  clearCache(): Promise<void>;
}

interface Connection {
  worker: Worker;
  api: Remote<RunWorkerApi>;
  /** Settles once the stored backend preference has been applied (or has failed to apply). */
  ready: Promise<void>;
  /** Rejects when the worker is terminated, so no caller waits forever on a call it will never answer. */
  stopped: Promise<never>;
  stop(): void;
  /** Whether a probe, switch or run is under way in this worker. */
  busy: boolean;
}

interface PendingRun {
  /** Settles run()'s promise as cancelled without the worker's answer. */
  abandon(): void;
  hardStop?: ReturnType<typeof setTimeout>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function startWorker(onPreferenceFailed: (message: string) => void, onReport: (report: BackendReport) => void): Connection {
  const worker = new Worker(new URL("../../workers/browser/runWorker.ts", import.meta.url), { type: "module" });
  const api = wrap<RunWorkerApi>(worker);
  let stop = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = () => reject(new Error("The browser runner was stopped."));
  });
  // Only raced against; nobody awaits it alone.
  stopped.catch(() => {});
  const override = readBackendPreference();
  const ready =
    override === null
      ? Promise.resolve()
      : api
          .setBackend(override)
          .then(onReport, (e: unknown) =>
            onPreferenceFailed(`The pinned backend "${override}" could not start, so the fastest measured one is used: ${messageOf(e)}`),
          );
  return { worker, api, ready, stopped, stop, busy: false };
}

/**
 * Browser execution for one page: a Web Worker that owns TensorFlow.js, started on first
 * use and terminated on unmount. The page thread only receives events and results.
 */
export function useBrowserRunner(): BrowserRunner {
  const connection = useRef<Connection | null>(null);
  const pending = useRef<PendingRun | null>(null);
  const probing = useRef<Promise<BackendReport> | null>(null);
  const warming = useRef<Promise<BackendReport> | null>(null);
  const [status, setStatus] = useState<RunnerStatus>("idle");
  const [starting, setStarting] = useState(false);
  const [report, setReport] = useState<BackendReport>({ active: null, chosen: null, override: null, probes: [] });
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [error, setError] = useState<string | null>(null);

  // localStorage exists only after hydration, so the pinned backend appears from an effect.
  useEffect(() => {
    const override = readBackendPreference();
    setReport((current) => ({ ...current, override }));
  }, []);

  const terminate = useCallback(() => {
    const current = connection.current;
    if (current === null) return;
    connection.current = null;
    probing.current = null;
    warming.current = null;
    current.worker.terminate();
    current.stop();
    setReport((previous) => ({ ...previous, active: null }));
  }, []);

  useEffect(() => terminate, [terminate]);

  /** Runs one worker operation under a status; the worker does one thing at a time, and so does this. */
  const operate = useCallback(async <T>(during: RunnerStatus, task: (api: Remote<RunWorkerApi>) => Promise<T>): Promise<T> => {
    const current = (connection.current ??= startWorker(setError, setReport));
    if (current.busy) throw new Error("The browser runner is busy: wait for the current run or probe to finish.");
    current.busy = true;
    setStatus(during);
    setError(null);
    try {
      await Promise.race([current.ready, current.stopped]);
      return await Promise.race([task(current.api), current.stopped]);
    } catch (e) {
      setError(messageOf(e));
      throw e;
    } finally {
      current.busy = false;
      // A worker replaced meanwhile (terminated, then restarted) has its own operation's status to show.
      if (connection.current === current || connection.current === null) setStatus("idle");
    }
  }, []);

  const probe = useCallback((): Promise<BackendReport> => {
    // A second caller (e.g. React's doubled mount effect) shares the probe under way rather than being refused.
    const shared = (probing.current ??= operate("probing", async (api) => {
      const next = await api.probeBackends();
      // Remembered so notebook kernels compute on the measured fastest backend too.
      if (next.chosen) writeMeasuredBackend(next.chosen);
      setReport(next);
      return next;
    }));
    void shared
      .finally(() => {
        if (probing.current === shared) probing.current = null;
      })
      .catch(() => {});
    return shared;
  }, [operate]);

  const warmUp = useCallback((): Promise<BackendReport> => {
    // Shared by the page's early call and every run after it; kept once done, as the worker stays warm.
    const shared = (warming.current ??= (async () => {
      const current = (connection.current ??= startWorker(setError, setReport));
      setStarting(true);
      try {
        await Promise.race([current.ready, current.stopped]);
        const next = await Promise.race([current.api.warmUp(readMeasuredBackend()), current.stopped]);
        // Remembered so the next page (and notebook kernels) start on it without measuring again.
        if (next.chosen) writeMeasuredBackend(next.chosen);
        setReport(next);
        return next;
      } finally {
        setStarting(false);
      }
    })());
    shared.catch(() => {
      if (warming.current === shared) warming.current = null;
    });
    return shared;
  }, []);

  const setBackend = useCallback(
    (backend: BrowserBackend | null) =>
      operate("switching", async (api) => {
        const next = await api.setBackend(backend);
        writeBackendPreference(backend);
        setReport(next);
        return next;
      }),
    [operate],
  );

  const run = useCallback(
    async (spec: PipelineSpec, { onEvent, ...options }: BrowserRunRequest = {}) => {
      // Not awaited: nodes that need no TensorFlow.js start at once, and a neural model waits for the backend in the worker.
      // A failed warm-up is not the run's failure: that model measures the backends itself and reports what it finds.
      void warmUp().catch(() => undefined);
      return operate("running", (api) => {
        setEvents([]);
        const listener = proxy((event: RunEvent) => {
          setEvents((current) => [...current, event]);
          onEvent?.(event);
        });
        return new Promise<BrowserRunResult>((resolve, reject) => {
          const current: PendingRun = {
            abandon: () => resolve({ status: "cancelled", artifacts: {}, steps: [], backend: null, datasets: {} }),
          };
          pending.current = current;
          api
            .run(spec, options, listener)
            .then(async (result) => {
              // The run may have probed first: show what it trained on (and remember the measurement for notebooks).
              const report = await api.backendReport();
              if (report.chosen) writeMeasuredBackend(report.chosen);
              setReport(report);
              resolve(result);
            })
            .catch(reject)
            .finally(() => {
              clearTimeout(current.hardStop);
              if (pending.current === current) pending.current = null;
            });
        });
      });
    },
    [operate, warmUp],
  );

  const cancel = useCallback(() => {
    const current = pending.current;
    const worker = connection.current;
    if (current === null || worker === null) return;
    setStatus("cancelling");
    void worker.api.cancel();
    current.hardStop ??= setTimeout(() => {
      if (pending.current !== current) return;
      pending.current = null;
      current.abandon();
      // The worker's cache and backend go with it; the next call starts a fresh worker.
      terminate();
    }, HARD_CANCEL_MS);
  }, [terminate]);

  const clearCache = useCallback(async () => {
    await connection.current?.api.clearCache();
  }, []);

  return {
    status,
    starting,
    backend: report.active,
    chosen: report.chosen,
    override: report.override,
    probes: report.probes,
    events,
    error,
    probe,
    warmUp,
    setBackend,
    run,
    cancel,
    clearCache,
  };
}
