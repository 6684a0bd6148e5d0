import { BatchLaneBadge } from "./BatchLaneBadge";
import { IgnoredCacheBadge } from "./IgnoredCacheBadge";
import { queuePositionText, type RunQueuePosition } from "./queuePositionText";
import { RunRetryNote, type Retry } from "./RunRetryNote";
import { RunStatusBadge } from "./RunStatusBadge";
import { ScheduledBadge } from "./ScheduledBadge";

interface Props {
  run: {
    id: string;
    status: string;
    ignoreCache: boolean;
    lane: string;
    scheduled: boolean;
    attempts: number;
    retries: Retry[];
    queue: RunQueuePosition | null;
  };
}

/** A run's status with its marks (scheduled, cache ignored, batch lane), where it waits when queued, and why it was restarted: one line each. */
export function RunStatusCell({ run }: Props) {
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex flex-wrap gap-1">
        <RunStatusBadge status={run.status} />
        {run.scheduled && <ScheduledBadge />}
        {run.ignoreCache && <IgnoredCacheBadge />}
        {run.lane === "batch" && <BatchLaneBadge />}
      </div>
      {run.status === "queued" && run.queue && (
        <span className="whitespace-nowrap text-xs text-slate-600" data-testid={`queue-position-${run.id}`}>
          {queuePositionText(run.queue)}
        </span>
      )}
      <RunRetryNote attempts={run.attempts} retries={run.retries} />
    </div>
  );
}
