import type { ClaimedItem } from "./types";

function cellText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(blank)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The row being labelled as column: value pairs, with the model's guess and its confidence beside it. */
export function RowCard({ item }: { item: ClaimedItem }) {
  return (
    <div className="grid gap-4 md:grid-cols-[1fr_14rem]" aria-label="Row to label" data-item-id={item.id} data-row-key={item.rowKey}>
      <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
        {Object.entries(item.row).map(([column, value]) => (
          <div key={column} className="contents">
            <dt className="truncate font-medium text-slate-600">{column}</dt>
            <dd className="font-mono break-words text-slate-900">{cellText(value)}</dd>
          </div>
        ))}
      </dl>
      <aside className="flex flex-col gap-1 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm" aria-label="Model's guess">
        <span className="text-xs text-amber-800">The model guesses</span>
        <span className="text-lg font-semibold text-amber-900">{item.guess ?? "–"}</span>
        {item.confidence !== null && <span className="text-xs text-amber-800">{Math.round(item.confidence * 100)}% confident</span>}
        <span className="mt-auto text-xs text-slate-500">
          round {item.round} · uncertainty {item.score.toPrecision(3)}
        </span>
      </aside>
    </div>
  );
}
