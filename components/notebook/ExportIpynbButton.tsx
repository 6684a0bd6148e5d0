"use client";

import { Button } from "@/components/ui/Button";
import { saveBlob } from "@/components/ui/saveBlob";
import type { NotebookCell } from "@/contracts/notebookCells";
import { ipynbFileName, toIpynb } from "./notebookIpynb";

/** Downloads the notebook as it shows now (cells and their outputs) as a Jupyter .ipynb file. */
export function ExportIpynbButton({ name, cells }: { name: string; cells: NotebookCell[] }) {
  const download = () => {
    saveBlob(`${JSON.stringify(toIpynb(name, cells), null, 1)}\n`, "application/x-ipynb+json", ipynbFileName(name));
  };
  return (
    <Button variant="secondary" onClick={download} title="Download as a Jupyter notebook (.ipynb, JavaScript kernel)">
      Export .ipynb
    </Button>
  );
}
