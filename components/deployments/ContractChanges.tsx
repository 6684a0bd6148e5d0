"use client";

/** What a model switch would change for an endpoint's clients, and the acknowledgement the server requires before it goes ahead. */
export function ContractChanges({
  changes,
  accepted,
  onAcceptedChange,
}: {
  changes: { deploymentName: string; differences: string[] }[];
  accepted: boolean;
  onAcceptedChange(accepted: boolean): void;
}) {
  if (changes.length === 0) return null;
  return (
    <div role="group" aria-label="Contract changes" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">This model expects different inputs or gives different answers than the one live now:</p>
      {changes.map((change) => (
        <div key={change.deploymentName}>
          <p>Endpoint “{change.deploymentName}”:</p>
          <ul className="ml-5 list-disc" data-testid="contract-differences">
            {change.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ))}
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={accepted} onChange={(e) => onAcceptedChange(e.target.checked)} className="mt-1" />
        <span>I understand the endpoint’s contract changes: clients sending the old inputs will get errors.</span>
      </label>
    </div>
  );
}
