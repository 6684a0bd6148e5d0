/** A model's aliases as chips, e.g. "champion · v3"; nothing when it has none. */
export function AliasChips({ aliases }: { aliases: { name: string; versionNumber: number | null }[] }) {
  if (aliases.length === 0) return <span className="text-xs text-slate-400">no aliases</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {aliases.map((a) => (
        <span key={a.name} className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
          {a.name}
          {a.versionNumber !== null && <span className="text-amber-600"> · v{a.versionNumber}</span>}
        </span>
      ))}
    </span>
  );
}
