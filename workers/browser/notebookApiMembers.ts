/**
 * The members of the `vajra` and `display` objects notebook code gets, with how they are
 * called. The worker's objects are checked against these lists (notebookVajra.ts and
 * notebookDisplay.ts `satisfies` them), and the cell editor completes from them, so the two
 * cannot drift apart. Plain data: the page imports it without the worker's code.
 */
export interface ApiMember {
  /** How it is called, shown next to the completion. */
  signature: string;
  info: string;
}

export const VAJRA_MEMBERS = {
  dataset: {
    signature: "(name: string) → Promise<Table>",
    info: 'The latest version of the project\'s dataset of that name, else the bundled sample (such as "iris").',
  },
  artifact: {
    signature: "(id: string) → Promise<unknown>",
    info: "An artifact's value from this project (a Table comes back as a table).",
  },
} as const satisfies Record<string, ApiMember>;

export const DISPLAY_MEMBERS = {
  text: { signature: "(value: unknown) → void", info: "Shows a value as text." },
  html: { signature: "(html: string) → void", info: "Shows sanitised HTML (no scripts, styles or event handlers)." },
  table: { signature: "(table: Table | object[]) → void", info: "Shows a table, or an array of rows, as a table." },
  plot: {
    signature: '({ type: "line" | "scatter" | "bar" | "histogram", x, y?, group?, title?, xLabel?, yLabel?, bins? }) → void',
    info: "Draws a chart.",
  },
} as const satisfies Record<string, ApiMember>;

/** An object whose methods are exactly the listed members. */
export type ApiOf<Members> = { [K in keyof Members]: (...args: never[]) => unknown };
