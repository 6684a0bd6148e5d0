/** Marks a server run started in the batch lane: it yields to interactive runs waiting for a worker. */
export function BatchLaneBadge() {
  return (
    <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs text-slate-700" title="Batch lane: interactive runs waiting for a worker go first">
      batch
    </span>
  );
}
