"use client";

import { Button } from "@/components/ui/Button";
import type { DraftStatus } from "./useDraftAutosave";
import type { PipelineSave } from "./usePipelineSave";

const BANNER = "flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900";

/** The stored draft changed elsewhere: keep this editor's graph, or load the other one. Shown only in the draft's conflict state. */
export function DraftConflictBanner({ status, onKeepMine, onLoadTheirs }: { status: DraftStatus; onKeepMine(): void; onLoadTheirs(): void }) {
  if (status.state !== "conflict") return null;
  return (
    <div className={BANNER} role="alert" aria-label="Draft conflict">
      <span className="flex-1">{status.message} Autosave is paused.</span>
      <Button onClick={onKeepMine}>Keep mine</Button>
      <Button variant="secondary" onClick={onLoadTheirs}>
        Load that draft (discard mine)
      </Button>
    </div>
  );
}

/** A version was saved since this editor's base: save on top of it (with the message the user typed), or reload it. */
export function VersionConflictBanner({ save }: { save: Pick<PipelineSave, "conflict" | "submitVersion" | "reloadLatest"> }) {
  const { conflict } = save;
  if (!conflict) return null;
  return (
    <div className={BANNER} role="alert">
      <span className="flex-1">{conflict.message}</span>
      <Button onClick={() => void save.submitVersion(conflict.versionMessage, true)}>Save mine as a new version on top</Button>
      <Button variant="secondary" onClick={() => void save.reloadLatest()}>
        Reload theirs (discard mine)
      </Button>
    </div>
  );
}
