import Link from "next/link";
import { LineChart } from "@/components/charts/LineChart";
import type { QueueDetail } from "./types";

/** Test accuracy against the number of labels, one point per finished round, with each round's run. */
export function LearningCurve({ projectId, rounds }: { projectId: string; rounds: QueueDetail["rounds"] }) {
  const points = rounds.flatMap((r) => (r.accuracy === null ? [] : [{ x: r.labelCount, y: r.accuracy }]));
  return (
    <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Learning curve">
      <h2 className="font-semibold">Learning curve</h2>
      <LineChart
        title="Test accuracy by number of labels"
        xLabel="labels"
        yLabel="test accuracy"
        series={[{ name: "test accuracy", points }]}
        yDomain={[0, 1]}
        empty="No finished rounds yet: Retrain and sample again trains on the labels and plots its test accuracy here."
      />
      {rounds.length > 0 && (
        <table className="text-xs" aria-label="Rounds">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="pr-3">Round</th>
              <th className="pr-3">Labels</th>
              <th className="pr-3">Test accuracy</th>
              <th>Run</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.number}>
                <td className="pr-3">{r.number}</td>
                <td className="pr-3">{r.labelCount}</td>
                <td className="pr-3 font-mono">{r.accuracy === null ? "–" : r.accuracy.toFixed(3)}</td>
                <td>
                  {r.runId && r.runStatus ? (
                    <Link href={`/projects/${projectId}/runs?run=${r.runId}`} className="text-indigo-700 hover:underline">
                      {r.runStatus}
                    </Link>
                  ) : (
                    <span className="text-slate-500">run deleted</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
