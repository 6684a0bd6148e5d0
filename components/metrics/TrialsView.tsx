"use client";

import { HeaderRow } from "@/components/ui/HeaderRow";
import { LineChart } from "@/components/charts/LineChart";
import type { MetricsValue, TrialRecord } from "@/pipeline/spec/portValues";
import { trialSeries } from "./trialSeries";

function formatParam(value: TrialRecord["params"][string] | undefined): string {
  if (value === undefined) return "";
  return typeof value === "number" ? String(Number(value.toPrecision(4))) : String(value);
}

/** The winning trial's hyperparameters, first thing under the summary: what a user copies into a model node. */
function BestParameters({ trial }: { trial: TrialRecord }) {
  const entries = Object.entries(trial.params);
  return (
    <div className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2" aria-label="Best parameters">
      <h4 className="text-xs font-semibold text-emerald-900">Best parameters (trial {trial.trial})</h4>
      {entries.length === 0 && trial.budget === undefined ? (
        <p className="text-xs text-emerald-900">The best trial used the model&apos;s defaults.</p>
      ) : (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-xs">
          {entries.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-emerald-800">{name}</dt>
              <dd className="font-mono text-slate-900">{formatParam(value)}</dd>
            </div>
          ))}
          {trial.budget !== undefined && (
            <div className="contents">
              <dt className="text-emerald-800">budget</dt>
              <dd className="font-mono text-slate-900">{trial.budget}</dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}

/** A tuner's trials: score and best-so-far over trials beside the table of params, with the kept trial marked. */
export function TrialsView({
  trials,
  objective,
  bestTrial,
}: {
  trials: TrialRecord[];
  objective: MetricsValue["objective"];
  bestTrial: MetricsValue["bestTrial"];
}) {
  // Trials stored before the objective was recorded do not say which way is better: show their scores only.
  const goal = objective?.goal;
  const metric = objective?.metric ?? "score";
  const { scores, bestSoFar } = trialSeries(trials, goal ?? "maximize");
  const best = bestTrial === undefined ? -1 : trials.findIndex((t) => t.trial === bestTrial.trial && t.budget === bestTrial.budget);
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const hasBudget = trials.some((t) => t.budget !== undefined);
  const failed = trials.filter((t) => !Number.isFinite(t.score)).length;
  const pruned = trials.filter((t) => t.pruned).length;
  return (
    <section className="flex flex-col gap-2" aria-label="Tuner trials">
      <p className="text-xs text-slate-600">
        {trials.length} trials · {metric}
        {goal === undefined ? "" : ` (${goal === "maximize" ? "higher" : "lower"} is better)`}
        {best >= 0 ? ` · best: trial ${trials[best]!.trial}, ${metric} ${formatParam(trials[best]!.score)}` : ""}
        {pruned > 0 ? ` · ${pruned} pruned` : ""}
        {failed > 0 ? ` · ${failed} failed` : ""}
      </p>
      {best >= 0 && <BestParameters trial={trials[best]!} />}
      <div className="flex flex-wrap gap-6">
        <div className="w-80">
          <LineChart
            title={`${metric} over trials`}
            xLabel="trial"
            series={[{ name: metric, points: scores }, ...(goal === undefined ? [] : [{ name: "best so far", points: bestSoFar }])]}
          />
        </div>
        <table className="text-xs" aria-label="Trials">
          <HeaderRow labels={["trial", metric, ...paramNames, ...(hasBudget ? ["budget"] : []), "duration", "pruned"]} />
          <tbody>
            {trials.map((t, i) => (
              <tr
                key={`${t.trial}-${t.budget ?? ""}`}
                className={`border-t border-slate-100 ${t.pruned ? "text-slate-400" : ""} ${i === best ? "bg-emerald-50 font-semibold" : ""}`}
                aria-current={i === best ? "true" : undefined}
              >
                <td className="px-2 py-1">
                  {t.trial}
                  {i === best ? " ★" : ""}
                </td>
                <td className="px-2 py-1 font-mono">{Number.isFinite(t.score) ? t.score.toFixed(4) : "failed"}</td>
                {paramNames.map((p) => (
                  <td key={p} className="px-2 py-1 font-mono">
                    {formatParam(t.params[p])}
                  </td>
                ))}
                {hasBudget && <td className="px-2 py-1">{t.budget ?? ""}</td>}
                <td className="px-2 py-1">{(t.durationMs / 1000).toFixed(2)} s</td>
                <td className="px-2 py-1">{t.pruned ? "pruned" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
