import type { CellOutput, NotebookCell } from "@/contracts/notebookCells";

/** nbformat 4.5: the version that gives every cell an id (ours already match its pattern). */
const NBFORMAT = 4;
const NBFORMAT_MINOR = 5;

type MultilineString = string[];

export type IpynbOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: MultilineString }
  | { output_type: "display_data"; data: Record<string, MultilineString>; metadata: Record<string, never> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export type IpynbCell =
  | { id: string; cell_type: "markdown"; metadata: Record<string, unknown>; source: MultilineString }
  | {
      id: string;
      cell_type: "code";
      metadata: Record<string, unknown>;
      source: MultilineString;
      execution_count: number | null;
      outputs: IpynbOutput[];
    };

export interface Ipynb {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: IpynbCell[];
}

/** Jupyter stores text as lines that keep their line breaks. */
function lines(text: string): MultilineString {
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function displayData(html: string | null, plain: string): IpynbOutput {
  return { output_type: "display_data", data: { ...(html === null ? {} : { "text/html": lines(html) }), "text/plain": lines(plain) }, metadata: {} };
}

function toOutput(output: CellOutput): IpynbOutput {
  switch (output.type) {
    case "text":
      return { output_type: "stream", name: "stdout", text: lines(output.text) };
    case "html":
      return displayData(output.html, "[HTML output]");
    case "table": {
      const head = output.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join("");
      const body = output.rows.map((row) => `<tr>${row.map((v) => `<td>${escapeHtml(v === null ? "" : String(v))}</td>`).join("")}</tr>`).join("\n");
      const shown = output.rows.length < output.rowCount ? ` (first ${output.rows.length} shown)` : "";
      const summary = `${output.rowCount} rows × ${output.columns.length} columns${shown}`;
      return displayData(`<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n<p>${summary}</p>`, `Table: ${summary}`);
    }
    case "plot":
      return displayData(null, `[${output.plot.kind} plot${output.plot.title ? `: ${output.plot.title}` : ""}, ${output.plot.x.length} points]`);
    case "error": {
      const [ename, ...rest] = output.message.split(": ");
      const evalue = rest.join(": ");
      return {
        output_type: "error",
        ename: evalue === "" ? "Error" : ename!,
        evalue: evalue === "" ? output.message : evalue,
        traceback: [output.line === null ? output.message : `Line ${output.line}: ${output.message}`],
      };
    }
    case "interrupted":
      return { output_type: "stream", name: "stderr", text: ["Interrupted: the kernel restarted."] };
  }
}

/**
 * A notebook as a Jupyter .ipynb (nbformat 4.5) with a JavaScript kernelspec, so Jupyter
 * (and GitHub) open it: Markdown cells as Markdown, code cells as JavaScript with their
 * saved outputs (tables as HTML, text as streams). TypeScript cells keep their source and
 * say so in their metadata.
 */
export function toIpynb(name: string, cells: NotebookCell[]): Ipynb {
  return {
    nbformat: NBFORMAT,
    nbformat_minor: NBFORMAT_MINOR,
    metadata: {
      kernelspec: { name: "javascript", display_name: "JavaScript", language: "javascript" },
      language_info: { name: "javascript", file_extension: ".js", mimetype: "application/javascript" },
      title: name,
    },
    cells: cells.map((cell): IpynbCell => {
      if (cell.kind === "markdown") return { id: cell.id, cell_type: "markdown", metadata: {}, source: lines(cell.source) };
      return {
        id: cell.id,
        cell_type: "code",
        metadata: cell.kind === "typescript" ? { vajra: { language: "typescript" } } : {},
        source: lines(cell.source),
        execution_count: cell.executionCount,
        outputs: cell.outputs.map(toOutput),
      };
    }),
  };
}

/** A file name for the download: the notebook's name without characters file systems refuse. */
export function ipynbFileName(name: string): string {
  const safe = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return `${safe === "" ? "notebook" : safe}.ipynb`;
}
