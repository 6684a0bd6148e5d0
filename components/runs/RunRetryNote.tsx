/** One earlier attempt of a server run, as run.list reports it. */
export interface Retry {
  attempt: number;
  workerId: string | null;
  reason: string;
  at: string;
}

/** Why a server run was restarted: each earlier attempt's worker and how it ended, folded under one line. */
export function RunRetryNote({ attempts, retries }: { attempts: number; retries: Retry[] }) {
  if (retries.length === 0) return null;
  const restarted = retries.length === 1 ? "once" : `${retries.length} times`;
  return (
    <details className="text-xs text-amber-800" onClick={(event) => event.stopPropagation()}>
      <summary className="cursor-pointer">
        Attempt {attempts} · restarted {restarted}
      </summary>
      <ul className="mt-1 list-disc pl-4">
        {retries.map((retry) => (
          <li key={`${retry.attempt}-${retry.at}`}>
            Attempt {retry.attempt}: {retry.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
