import { formatDate } from "@/components/ui/formatDate";
import type { RegisteredModelDetail } from "./types";

const version = (n: number | null) => (n === null ? "unset" : `v${n}`);

/** Every set, move and removal of the model's aliases, newest first: who, when, from → to, why. */
export function AliasHistory({ history }: { history: RegisteredModelDetail["history"] }) {
  if (history.length === 0) return <p className="text-sm text-slate-500">No alias has been set yet.</p>;
  return (
    <table className="w-full text-sm" aria-label="Alias history">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="p-2">When</th>
          <th className="p-2">Alias</th>
          <th className="p-2">Move</th>
          <th className="p-2">By</th>
          <th className="p-2">Reason</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => (
          <tr key={h.id} className="border-t border-slate-100">
            <td className="p-2 whitespace-nowrap">{formatDate(h.createdAt)}</td>
            <td className="p-2 font-medium">{h.alias}</td>
            <td className="p-2 whitespace-nowrap">
              {version(h.fromVersionNumber)} → {h.toVersionNumber === null ? "removed" : version(h.toVersionNumber)}
            </td>
            <td className="p-2">{h.actor}</td>
            <td className="p-2 text-slate-600">{h.reason || "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
