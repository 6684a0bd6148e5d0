"use client";

import { useEffect, useState, type ChangeEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField } from "@/components/ui/SelectField";
import type { BrowserRunResult } from "@/workers/browser/runWorker";
import { BROWSER_BACKENDS, browserBackendSchema } from "@/workers/browser/tfjsAssets";
import { BackendProbeTable } from "./BackendProbeTable";
import { modelAccuracies, progressLine, selfCheckSpec } from "./selfCheckPipeline";
import { useBrowserRunner } from "./useBrowserRunner";

const AUTOMATIC = "auto";
const BACKEND_OPTIONS = [{ value: AUTOMATIC, label: "Automatic (fastest measured)" }, ...BROWSER_BACKENDS.map((b) => ({ value: b, label: b }))];

/** Settings → Compute: which TF.js backend this browser trains on, and a self-check that trains a real pipeline. */
export function ComputeSettings() {
  const runner = useBrowserRunner();
  const { probe } = runner;
  const [check, setCheck] = useState<{ result: BrowserRunResult; seconds: number } | null>(null);
  const busy = runner.status !== "idle";

  // Opening the page is asking "what will my browser train on?": measure right away.
  // A failure is shown from runner.error, so the rejection needs no handling here.
  useEffect(() => {
    probe().catch(() => {});
  }, [probe]);

  function onBackendChange(event: ChangeEvent<HTMLSelectElement>) {
    const value = event.target.value;
    runner.setBackend(value === AUTOMATIC ? null : browserBackendSchema.parse(value)).catch(() => {});
  }

  async function runSelfCheck() {
    setCheck(null);
    const started = performance.now();
    try {
      const result = await runner.run(selfCheckSpec);
      setCheck({ result, seconds: (performance.now() - started) / 1000 });
    } catch {
      // runner.error says why.
    }
  }

  const accuracies = check ? modelAccuracies(check.result) : [];
  const reused = check?.result.steps.filter((step) => step.cached).length ?? 0;
  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Compute</h1>
        <p className="text-sm text-slate-500">
          Small runs train in this browser, in a background worker, with TensorFlow.js. Vajra times a short training run on each backend and uses the fastest,
          unless you pin one here. The choice is kept in this browser only.
        </p>
      </div>

      {runner.error && <Alert>{runner.error}</Alert>}

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-medium">Backends</h2>
        {runner.probes.length > 0 ? (
          <BackendProbeTable probes={runner.probes} chosen={runner.chosen} />
        ) : (
          <p className="text-sm text-slate-500">{runner.status === "probing" ? "Measuring each backend…" : "Not measured yet."}</p>
        )}
        <div className="flex items-end gap-4">
          <Button variant="secondary" onClick={() => probe().catch(() => {})} disabled={busy}>
            {runner.status === "probing" ? "Measuring…" : "Run probe again"}
          </Button>
          <SelectField label="Backend" options={BACKEND_OPTIONS} value={runner.override ?? AUTOMATIC} onChange={onBackendChange} disabled={busy} />
        </div>
        <p className="text-sm text-slate-600">
          Training uses <strong data-testid="active-backend">{runner.backend ?? "—"}</strong>
          {runner.override !== null && " (pinned)"}.
        </p>
      </section>

      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-medium">Self-check</h2>
        <p className="text-sm text-slate-500">
          Trains the iris example ({selfCheckSpec.nodes.length} steps: a TensorFlow.js neural network and gradient-boosted trees) in this browser and reports
          test accuracy.
        </p>
        <div className="flex gap-2">
          <Button onClick={runSelfCheck} disabled={busy}>
            Run a test pipeline
          </Button>
          {(runner.status === "running" || runner.status === "cancelling") && (
            <Button variant="secondary" onClick={runner.cancel} disabled={runner.status === "cancelling"}>
              Cancel
            </Button>
          )}
        </div>
        {runner.status === "running" && (
          <p className="text-sm text-slate-600" data-testid="self-check-progress">
            {progressLine(runner.events)}
          </p>
        )}
        {check && (
          <div className="flex flex-col gap-2" data-testid="self-check-result" data-status={check.result.status}>
            {check.result.status === "succeeded" ? (
              <Alert tone="success">
                Finished in {check.seconds.toFixed(1)} s on {check.result.backend}
                {reused > 0 && ` (${reused} of ${check.result.steps.length} steps reused from the previous run)`}.
              </Alert>
            ) : check.result.status === "cancelled" ? (
              <Alert tone="info">The test pipeline was cancelled.</Alert>
            ) : (
              <Alert>
                The test pipeline failed{check.result.error?.nodeId ? ` at ${check.result.error.nodeId}` : ""}: {check.result.error?.message}
              </Alert>
            )}
            {accuracies.length > 0 && (
              <ul className="text-sm">
                {accuracies.map((a) => (
                  <li key={a.modelNodeId}>
                    {a.modelKind}: test accuracy <strong data-testid={`accuracy-${a.modelNodeId}`}>{a.accuracy.toFixed(3)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
