"use client";

import { PlotChart } from "@/components/charts/PlotChart";
import type { CellOutput } from "@/contracts/notebookCells";
import { OutputTable } from "./OutputTable";
import { sanitizeHtml } from "@/contracts/sanitizeHtml";

/** Interrupting restarts the kernel; say what that cost, as the user will otherwise meet it as "x is not defined". */
function interruptedText(lost: string[] | undefined): string {
  if (lost === undefined) return "Interrupted";
  if (lost.length === 0) return "Interrupted: the kernel restarted (no variables were defined yet).";
  return `Interrupted: the kernel restarted; lost ${lost.join(", ")}. Run the cells that define them again.`;
}

/** A cell's outputs. Stored outputs are whatever an editor saved, so HTML is sanitised again here. */
export function CellOutputs({ outputs }: { outputs: CellOutput[] }) {
  if (outputs.length === 0) return null;
  return (
    <div className="flex flex-col gap-2 border-t border-slate-100 px-3 py-2" data-testid="cell-outputs">
      {outputs.map((output, i) => {
        switch (output.type) {
          case "text":
            return (
              <pre key={i} className="whitespace-pre-wrap text-xs text-slate-800">
                {output.text}
              </pre>
            );
          case "html":
            return <div key={i} className="markdown-body" dangerouslySetInnerHTML={{ __html: sanitizeHtml(output.html) }} />;
          case "table":
            return <OutputTable key={i} output={output} />;
          case "plot":
            return <PlotChart key={i} plot={output.plot} />;
          case "error":
            return (
              <pre key={i} role="alert" className="whitespace-pre-wrap rounded bg-red-50 p-2 text-xs text-red-800" data-testid="cell-error">
                {output.line === null ? output.message : `Line ${output.line}: ${output.message}`}
              </pre>
            );
          case "interrupted":
            return (
              <p key={i} className="text-xs font-medium text-amber-700" data-testid="cell-interrupted">
                {interruptedText(output.lost)}
              </p>
            );
        }
      })}
    </div>
  );
}
