import Link from "next/link";
import type { KernelBackend } from "./useNotebookKernel";

/** Which TF.js backend the notebook's cells compute on, and why that one. */
export function KernelBackendLabel({ backend }: { backend: KernelBackend | null }) {
  if (backend === null) return null;
  if (backend === "measuring") {
    return (
      <span className="text-xs text-slate-500" data-testid="kernel-backend" role="status">
        Backend: measuring which is fastest in this browser (first run only)…
      </span>
    );
  }
  const why = backend.pinned ? "pinned on the Compute page" : backend.measured ? "fastest, just measured" : "fastest measured";
  return (
    <span className="text-xs text-slate-500" data-testid="kernel-backend" title={backend.error ?? undefined}>
      Backend: {backend.active ?? "TF.js default"} ({backend.error ? "fallback" : why}) ·{" "}
      <Link href="/settings/compute" className="text-indigo-700 hover:underline">
        Compute settings
      </Link>
    </span>
  );
}
