import type { RunStatus } from "@/contracts/runStatus";

const STYLES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
  cancelled: "bg-amber-100 text-amber-800",
} satisfies Record<RunStatus, string>;

export function RunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs ${STYLES[status] ?? STYLES["queued"]}`} data-testid={testId}>
      {status}
    </span>
  );
}
