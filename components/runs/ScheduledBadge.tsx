/** Marks a run a pipeline schedule or dataset trigger started, rather than a person. */
export function ScheduledBadge() {
  return (
    <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-800" title="Started by a schedule or a dataset trigger">
      scheduled
    </span>
  );
}
