"use client";

import { Button } from "@/components/ui/Button";

const BANNER = "flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900";

/** The stored draft changed elsewhere: keep this editor's graph, or load the other one. */
export function DraftConflictBanner({ message, onKeepMine, onLoadTheirs }: { message: string; onKeepMine(): void; onLoadTheirs(): void }) {
  return (
    <div className={BANNER} role="alert" aria-label="Draft conflict">
      <span className="flex-1">{message} Autosave is paused.</span>
      <Button onClick={onKeepMine}>Keep mine</Button>
      <Button variant="secondary" onClick={onLoadTheirs}>
        Load that draft (discard mine)
      </Button>
    </div>
  );
}

/** A version was saved since this editor's base: save on top of it, or reload it. */
export function VersionConflictBanner({ message, onSaveOnTop, onReload }: { message: string; onSaveOnTop(): void; onReload(): void }) {
  return (
    <div className={BANNER} role="alert">
      <span className="flex-1">{message}</span>
      <Button onClick={onSaveOnTop}>Save mine as a new version on top</Button>
      <Button variant="secondary" onClick={onReload}>
        Reload theirs (discard mine)
      </Button>
    </div>
  );
}
