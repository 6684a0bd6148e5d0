"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CHART_COLORS, tick } from "@/components/charts/chartStyle";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { formatNumber } from "@/components/ui/formatNumber";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "./types";
import { refreshQueries } from "@/components/trpc/refreshQueries";

type Comparison = RouterOutputs["canary"]["compare"];
type Candidates = RouterOutputs["canary"]["candidates"];

const DEFAULT_PERCENT = 10;
/** The server's limit (MAX_CANARY_PERCENT): beyond half the traffic, promoting is the honest step. */
const MAX_PERCENT = 50;
const ms = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)} ms`);
const percent = (value: number | null) => (value === null ? "–" : `${(value * 100).toFixed(1)}%`);

interface Candidate {
  key: string;
  /** The option text: the version and where it comes from. */
  label: string;
  /** The version alone, for sentences: "v3", "iris v4". */
  name: string;
  input: { modelVersionId: string } | { registeredVersionId: string };
  contractDifferences: string[];
}

function candidateList(candidates: Candidates | undefined): Candidate[] {
  if (!candidates) return [];
  return [
    ...candidates.registered.map((v) => ({
      key: `registered:${v.registeredVersionId}`,
      label: `${v.modelName} v${v.number} (registered)`,
      name: `${v.modelName} v${v.number}`,
      input: { registeredVersionId: v.registeredVersionId },
      contractDifferences: v.contractDifferences,
    })),
    ...candidates.served.map((v) => ({
      key: `served:${v.modelVersionId}`,
      label: `v${v.number} (served here before)`,
      name: `v${v.number}`,
      input: { modelVersionId: v.modelVersionId },
      contractDifferences: v.contractDifferences,
    })),
  ];
}

/** Current and canary side by side: traffic, errors, latency. */
function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const rows: [string, (v: Comparison["versions"][number]) => string][] = [
    ["Requests", (v) => formatNumber(v.requests)],
    ["Error rate", (v) => percent(v.errorRate)],
    ["p50 latency", (v) => ms(v.p50)],
    ["p95 latency", (v) => ms(v.p95)],
    ["p99 latency", (v) => ms(v.p99)],
  ];
  return (
    <table className="w-full max-w-lg text-xs" aria-label="Current and canary compared">
      <thead>
        <tr className="text-left text-slate-500">
          <th className="py-1 font-normal">Last {comparison.windowMinutes} minutes</th>
          {comparison.versions.map((v) => (
            <th key={v.versionId} className="py-1 font-mono">
              v{v.number} · {v.role}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label} className="border-t border-slate-100">
            <td className="py-1">{label}</td>
            {comparison.versions.map((v) => (
              <td key={v.versionId} className="py-1 font-mono">
                {value(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What each version predicted, as shares of its own predictions, one pair of bars per label or histogram bin. */
function DistributionBars({ comparison }: { comparison: Comparison }) {
  const { distribution, versions } = comparison;
  const columns = distribution.kind === "labels" ? distribution.labels : distribution.bins.map((b) => `${tick(b.from)} – ${tick(b.to)}`);
  if (columns.length === 0) return <p className="text-xs text-slate-500">No predictions in this window yet.</p>;
  const totals = versions.map((v) => v.predictionCounts.reduce((a, b) => a + b, 0));
  return (
    <figure className="flex max-w-lg flex-col gap-1">
      <figcaption className="text-xs text-slate-600">
        Predictions{distribution.kind === "labels" ? " per class" : " per range"} (share of each version’s answers)
      </figcaption>
      <ul aria-label="Prediction distribution" className="flex flex-col gap-1 text-[11px]">
        {columns.map((column, c) => (
          <li key={column} className="flex items-center gap-2">
            <span className="w-28 truncate font-mono" title={column}>
              {column}
            </span>
            <span className="flex flex-1 flex-col gap-0.5">
              {versions.map((v, i) => {
                const share = totals[i] ? v.predictionCounts[c]! / totals[i] : 0;
                return (
                  <span key={v.versionId} className="flex items-center gap-1" title={`v${v.number}: ${v.predictionCounts[c]} of ${totals[i]}`}>
                    <span className="h-2 rounded-sm" style={{ width: `${share * 100}%`, minWidth: share > 0 ? 2 : 0, background: CHART_COLORS[i] }} />
                    <span className="font-mono text-slate-500">{(share * 100).toFixed(0)}%</span>
                  </span>
                );
              })}
            </span>
          </li>
        ))}
      </ul>
      <div className="flex gap-3 text-[11px] text-slate-600">
        {versions.map((v, i) => (
          <span key={v.versionId} className="flex items-center gap-1">
            <span className="inline-block h-2 w-3 rounded-sm" style={{ background: CHART_COLORS[i] }} />v{v.number} ({v.role})
          </span>
        ))}
      </div>
    </figure>
  );
}

/**
 * Canary release of a deployment: send a share of requests to another version, watch both side by side, then promote
 * or abort. Viewers see the comparison; only editors (canEdit) see the controls. Every step asks first, saying what happens.
 */
export function CanaryPanel({ projectId, deploymentId, canEdit }: { projectId: string; deploymentId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { projectId, deploymentId };
  const comparison = useQuery(trpc.canary.compare.queryOptions(ref, { refetchInterval: 5000 }));
  const candidates = useQuery(trpc.canary.candidates.queryOptions(ref, { enabled: canEdit }));
  const [choice, setChoice] = useState("");
  const [share, setShare] = useState(DEFAULT_PERCENT);
  const [confirming, setConfirming] = useState<"start" | "promote" | "abort" | null>(null);
  const [acceptChange, setAcceptChange] = useState(false);
  const done = async () => {
    setConfirming(null);
    setChoice("");
    await Promise.all([
      refreshQueries(queryClient, { queryKey: trpc.canary.pathKey() }),
      refreshQueries(queryClient, { queryKey: trpc.deployment.get.queryKey(ref) }),
    ]);
  };
  const start = useMutation(trpc.canary.start.mutationOptions({ onSuccess: done }));
  const stop = useMutation(trpc.canary.stop.mutationOptions({ onSuccess: done }));
  const promote = useMutation(trpc.canary.promote.mutationOptions({ onSuccess: done }));
  const busy = start.isPending || stop.isPending || promote.isPending;
  const ask = (step: "start" | "promote" | "abort") => {
    for (const mutation of [start, stop, promote]) mutation.reset();
    setAcceptChange(false);
    setConfirming(step);
  };
  const options = candidateList(candidates.data);
  const chosen = options.find((o) => o.key === choice);
  const data = comparison.data;
  const current = data?.versions.find((v) => v.role === "current");
  const currentName = `v${current?.number ?? "?"}`;

  return (
    <section aria-label="Canary" className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold text-slate-800">Canary</h2>
      {comparison.error && <Alert>{comparison.error.message}</Alert>}
      {!data ? (
        <p className="text-xs text-slate-500">Loading…</p>
      ) : data.canary ? (
        <>
          <p data-testid="canary-status" className="text-xs">
            <strong>v{data.canary.number}</strong> answers {data.canary.percent}% of requests; {currentName} answers the rest.
          </p>
          <ComparisonTable comparison={data} />
          <DistributionBars comparison={data} />
          {data.promotion.refused && <Alert tone="info">{data.promotion.refused}</Alert>}
          {canEdit && (
            <div className="flex gap-2">
              <Button disabled={busy || data.promotion.refused !== null} onClick={() => ask("promote")}>
                Promote v{data.canary.number}…
              </Button>
              <Button variant="secondary" disabled={busy} onClick={() => ask("abort")}>
                Abort…
              </Button>
            </div>
          )}
          {canEdit && confirming === "promote" && (
            <ConfirmDialog
              title={`Promote v${data.canary.number}?`}
              confirmLabel={`Promote v${data.canary.number}`}
              pending={promote.isPending}
              error={promote.error?.message}
              onConfirm={() => promote.mutate(ref)}
              onCancel={() => setConfirming(null)}
            >
              <p>
                v{data.canary.number} will answer every request; {currentName} becomes the previous version, so you can roll back from Versions.
              </p>
              {data.promotion.movesAlias && (
                <p>
                  This endpoint follows @{data.promotion.movesAlias.alias} of {data.promotion.movesAlias.modelName}: the alias moves to this version, and every
                  endpoint that follows it switches too.
                </p>
              )}
            </ConfirmDialog>
          )}
          {canEdit && confirming === "abort" && (
            <ConfirmDialog
              title="Abort the canary?"
              confirmLabel="Abort canary"
              tone="danger"
              pending={stop.isPending}
              error={stop.error?.message}
              onConfirm={() => stop.mutate(ref)}
              onCancel={() => setConfirming(null)}
            >
              <p>Every request goes back to {currentName}. The measurements so far stay in the request logs.</p>
            </ConfirmDialog>
          )}
        </>
      ) : (
        <>
          <p className="text-xs text-slate-500">
            No canary is running.{" "}
            {canEdit ? "Send a share of requests to another version to compare it with the live one before promoting it." : "An editor can start one."}
          </p>
          {canEdit && options.length === 0 && candidates.data && (
            <p className="text-xs text-slate-500">There is no other version to try: register a new version of this model, or promote one from Versions.</p>
          )}
          {canEdit && options.length > 0 && (
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <select
                aria-label="Version to canary"
                value={choice}
                onChange={(e) => setChoice(e.target.value)}
                className="rounded-md border border-slate-300 px-2 py-1 text-xs"
              >
                <option value="">Choose a version…</option>
                {options.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                    {o.contractDifferences.length > 0 ? " · different inputs" : ""}
                  </option>
                ))}
              </select>
              <label className="flex items-center gap-1">
                Share
                <input
                  type="range"
                  min={1}
                  max={MAX_PERCENT}
                  value={share}
                  onChange={(e) => setShare(Number(e.target.value))}
                  aria-label="Share of requests (slider)"
                />
                <input
                  type="number"
                  min={1}
                  max={MAX_PERCENT}
                  value={share}
                  onChange={(e) => setShare(Math.min(MAX_PERCENT, Math.max(1, Math.round(Number(e.target.value)) || 1)))}
                  aria-label="Share of requests, percent"
                  className="w-14 rounded-md border border-slate-300 px-1 py-0.5"
                />
                %
              </label>
              <Button disabled={!chosen || busy} onClick={() => ask("start")}>
                Start canary…
              </Button>
            </div>
          )}
          {canEdit && chosen && confirming === "start" && (
            <ConfirmDialog
              title={`Start a canary of ${chosen.name}?`}
              confirmLabel={`Start at ${share}%`}
              pending={start.isPending}
              error={start.error?.message}
              confirmDisabled={chosen.contractDifferences.length > 0 && !acceptChange}
              onConfirm={() => start.mutate({ ...ref, ...chosen.input, percent: share, acceptContractChange: acceptChange })}
              onCancel={() => setConfirming(null)}
            >
              <p data-testid="canary-start-summary">
                {share}% of requests will be answered by {chosen.name}; {currentName} keeps answering the rest. The model is loaded before any request goes to
                it.
              </p>
              {chosen.contractDifferences.length > 0 && (
                <>
                  <p className="text-rose-700">
                    Its contract differs from the live version: it {chosen.contractDifferences.join("; ")}. Clients that send today’s inputs may get errors from
                    it.
                  </p>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" checked={acceptChange} onChange={(e) => setAcceptChange(e.target.checked)} />I accept that the contract changes for
                    the requests it answers
                  </label>
                </>
              )}
            </ConfirmDialog>
          )}
        </>
      )}
    </section>
  );
}
