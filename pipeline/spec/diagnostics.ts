export const DIAGNOSTIC_CODES = [
  "invalid-graph",
  "duplicate-node",
  "unknown-kind",
  "unsupported-version",
  "invalid-param",
  "unknown-port",
  "type-mismatch",
  "duplicate-input",
  "missing-input",
  "cycle",
  "unknown-column",
  "missing-target",
  "invalid-column-type",
  "invalid-schema",
  "invalid-placement",
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** One problem found in a graph or spec, pinned to the node / param / port the user must fix. */
export interface Diagnostic {
  /** Absent only for problems with the document as a whole (e.g. it is not a graph at all). */
  nodeId?: string;
  param?: string;
  port?: string;
  code: DiagnosticCode;
  message: string;
}

/** A diagnostic raised inside one node's own checks; the compiler adds the node id. */
export type NodeIssue = Omit<Diagnostic, "nodeId">;

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [
    diagnostic.nodeId === undefined ? undefined : `node ${diagnostic.nodeId}`,
    diagnostic.param === undefined ? undefined : `param ${diagnostic.param}`,
    diagnostic.port === undefined ? undefined : `port ${diagnostic.port}`,
  ]
    .filter((part) => part !== undefined)
    .join(", ");
  return `${where === "" ? "" : `${where}: `}[${diagnostic.code}] ${diagnostic.message}`;
}
