/** Marks a run started with "ignore cache": its steps re-executed, so none of them shows as cached. */
export function IgnoredCacheBadge() {
  return (
    <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-800" title="Every node re-executed instead of reusing cached results">
      cache ignored
    </span>
  );
}
