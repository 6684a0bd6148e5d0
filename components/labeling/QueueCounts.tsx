/** Open, labelled and skipped rows of a queue, as the lists show them. */
export function QueueCounts({ counts }: { counts: { open: number; labelled: number; skipped: number } }) {
  return (
    <span className="text-xs text-slate-600">
      <span className="font-medium text-slate-800">{counts.open}</span> to label · <span className="font-medium text-emerald-700">{counts.labelled}</span>{" "}
      labelled · {counts.skipped} skipped
    </span>
  );
}
