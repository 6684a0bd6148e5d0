"use client";

import { Button } from "@/components/ui/Button";
import type { NotebookCell } from "@/contracts/notebookCells";
import { ipynbFileName, toIpynb } from "./notebookIpynb";

/** Downloads the notebook as it shows now (cells and their outputs) as a Jupyter .ipynb file. */
export function ExportIpynbButton({ name, cells }: { name: string; cells: NotebookCell[] }) {
  const download = () => {
    const blob = new Blob([`${JSON.stringify(toIpynb(name, cells), null, 1)}\n`], { type: "application/x-ipynb+json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = ipynbFileName(name);
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Button variant="secondary" onClick={download} title="Download as a Jupyter notebook (.ipynb, JavaScript kernel)">
      Export .ipynb
    </Button>
  );
}
