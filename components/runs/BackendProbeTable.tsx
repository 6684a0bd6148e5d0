import type { BackendProbe } from "@/pipeline/ml/tf/select-backend";

const rate = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const ratio = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

/** Samples/s per TF.js backend, with wasm as the reference (it starts everywhere and is the usual CPU winner). */
export function BackendProbeTable({ probes, chosen }: { probes: BackendProbe[]; chosen: string | null }) {
  const wasm = probes.find((p) => p.backend === "wasm")?.samplesPerSec;
  return (
    <table className="w-full text-sm" aria-label="Backend probe">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1 font-medium">Backend</th>
          <th className="py-1 text-right font-medium">Samples/s</th>
          <th className="py-1 text-right font-medium">vs wasm</th>
          <th className="py-1 pl-4 font-medium">Result</th>
        </tr>
      </thead>
      <tbody>
        {probes.map((p) => (
          <tr key={p.backend} className="border-t border-slate-100" data-testid={`probe-${p.backend}`} data-chosen={p.backend === chosen}>
            <td className="py-2 font-mono">{p.backend}</td>
            <td className="py-2 text-right tabular-nums" data-testid={`probe-rate-${p.backend}`}>
              {p.samplesPerSec === undefined ? "—" : rate.format(p.samplesPerSec)}
            </td>
            <td className="py-2 text-right tabular-nums">
              {p.samplesPerSec === undefined || wasm === undefined ? "—" : `${ratio.format(p.samplesPerSec / wasm)}×`}
            </td>
            <td className="py-2 pl-4">
              {p.error !== undefined ? (
                <span className="text-slate-500">unavailable: {p.error}</span>
              ) : p.backend === chosen ? (
                <span className="font-medium text-emerald-700">fastest</span>
              ) : (
                <span className="text-slate-500">works</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
