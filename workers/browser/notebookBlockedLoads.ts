/// <reference lib="webworker" />

/**
 * Notebook code may not load code or data from other origins. The fetch guard refuses such
 * requests itself; everything else (dynamic import(), and any door the guard does not cover)
 * is refused by the browser under the worker's Content-Security-Policy (next.config.js). The
 * browser's own errors for those ("Failed to fetch dynamically imported module") do not say
 * why, so the worker watches for policy violations and reports them in the cell's words.
 */

export class OtherOriginError extends Error {
  constructor(readonly url: string) {
    super(`Loading code or data from other origins is not allowed in notebooks (blocked ${url}).`);
    this.name = "SecurityError";
  }
}

export interface BlockedLoad {
  url: string;
  /** Line in the evaluated cell script, or null where the browser did not attribute it to the cell. */
  line: number | null;
}

/** Collects the policy violations of the worker's scope until taken. */
export function watchBlockedLoads(scope: EventTarget, isCellScript: (sourceFile: string) => boolean) {
  // Captured now: cell code can reassign the global later.
  const ViolationEvent = SecurityPolicyViolationEvent;
  let blocked: BlockedLoad[] = [];
  scope.addEventListener("securitypolicyviolation", (event) => {
    if (!(event instanceof ViolationEvent)) return;
    // Chromium leaves sourceFile empty for code evaluated from a string, as cells are.
    const inCell = event.sourceFile === "" || isCellScript(event.sourceFile);
    blocked.push({ url: event.blockedURI, line: inCell && event.lineNumber > 0 ? event.lineNumber : null });
  });
  return {
    take(): BlockedLoad[] {
      const taken = blocked;
      blocked = [];
      return taken;
    },
  };
}

/**
 * Whether a cell's error is the browser failing a load that the policy refused. The browser
 * reports violations as a task after a refused fetch or importScripts fails, so callers take
 * the violations one task after the cell settles.
 */
export function isRefusedLoad(error: unknown, blocked: readonly BlockedLoad[]): boolean {
  if (blocked.length === 0 || !(error instanceof Error)) return false;
  const text = `${error.name}: ${error.message}`;
  return blocked.some((b) => text.includes(b.url)) || /failed to (fetch|load)|error loading|networkerror/i.test(text);
}
