import type { ExpressionSandbox } from "../ml/labeling/expression-sandbox";
import { catalog, listNodes } from "../nodes/catalog";
import { readDatasetSchemas } from "../runtime/datasetSchemas";
import type { RunEvent } from "../runtime/events";
import { runSpec, type RunResult } from "../runtime/runSpec";
import { checkSpec } from "../compiler/checkSpec";
import { formatDiagnostic, type Diagnostic } from "../spec/diagnostics";
import { pipelineSpecJsonSchema } from "../spec/jsonSchema";
import type { MetricsValue } from "../spec/portValues";
import { fileDatasets } from "./fileDatasets";
import { configureNodeModelThreads } from "./nodeModelThreads";
import { configureNodeTensorFlow } from "./nodeTensorflow";
import { readPipelineFile } from "./readPipelineFile";

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Runs user code (expression labeling functions, Custom code nodes); `bin/vajra.mjs` passes the process sandbox. */
  expressionSandbox?: ExpressionSandbox;
}

const USAGE = `Usage: vajra <command> [options]

Commands:
  run <spec.json> [--json] [--dataset <name>=<path>]...
                                 run a pipeline spec (or canvas graph) and print its metrics
  validate <spec.json> [--json] [--dataset <name>=<path>]...
                                 check a spec against the catalog and its datasets; exit 1 on errors
  nodes [--json]                 list every node kind with its ports and params
  schema                         print the JSON Schema of the pipeline spec

Datasets: "sample:<name>" reads public/datasets/<name>.csv; other paths are relative to the spec file.
A dataset uploaded to a Vajra project ("dataset:churn", "dataset:churn@2") is read from the file given
by --dataset churn=path/to/churn.csv (download it from the project's Datasets page).
`;

/** `--dataset <name>=<path>` and `--dataset=<name>=<path>`, repeatable; the other arguments in order. */
function datasetFlags(argv: string[]): { named: Record<string, string>; rest: string[] } | { error: string } {
  const named: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== "--dataset" && !arg.startsWith("--dataset=")) {
      rest.push(arg);
      continue;
    }
    const value = arg === "--dataset" ? argv[++i] : arg.slice("--dataset=".length);
    const equals = value?.indexOf("=") ?? -1;
    if (value === undefined || equals <= 0 || equals === value.length - 1) return { error: `--dataset wants <name>=<path>, got "${value ?? ""}"` };
    named[value.slice(0, equals)] = value.slice(equals + 1);
  }
  return { named, rest };
}

/** Entry point of the `vajra` command; returns the exit code. */
export async function main(argv: string[], out: CliOutput): Promise<number> {
  const json = argv.includes("--json");
  const flags = datasetFlags(argv.filter((arg) => arg !== "--json"));
  if ("error" in flags) {
    out.stderr(`vajra: ${flags.error}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = flags.rest;
  switch (command) {
    case "run":
    case "validate": {
      const file = rest[0];
      if (file === undefined) {
        out.stderr(`vajra ${command}: missing <spec.json>\n\n${USAGE}`);
        return 2;
      }
      return command === "run" ? runCommand(file, json, flags.named, out) : validateCommand(file, json, flags.named, out);
    }
    case "nodes":
      return nodesCommand(json, out);
    case "schema":
      out.stdout(`${JSON.stringify(pipelineSpecJsonSchema(catalog), null, 2)}\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      out.stdout(USAGE);
      return 0;
    default:
      out.stderr(`vajra: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function validateCommand(path: string, json: boolean, named: Record<string, string>, out: CliOutput): Promise<number> {
  const file = await readPipelineFile(path);
  let diagnostics: Diagnostic[];
  let nodes = 0;
  if (!file.ok) {
    diagnostics = file.diagnostics;
  } else {
    nodes = file.spec.nodes.length;
    const { schemas, failures } = await readDatasetSchemas(file.spec, fileDatasets(file.directory, { named }));
    const failureDiagnostics: Diagnostic[] = failures.map((f) => ({
      nodeId: f.nodeId,
      param: "dataset",
      code: "invalid-param",
      message: f.message,
    }));
    diagnostics = [...failureDiagnostics, ...checkSpec(file.spec, catalog, { datasetSchemas: schemas }).diagnostics];
  }
  if (json) {
    out.stdout(`${JSON.stringify({ ok: diagnostics.length === 0, diagnostics }, null, 2)}\n`);
  } else if (diagnostics.length === 0) {
    out.stdout(`OK: ${nodes} nodes, no problems found\n`);
  } else {
    for (const diagnostic of diagnostics) out.stdout(`error: ${formatDiagnostic(diagnostic)}\n`);
    out.stdout(`${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} found\n`);
  }
  return diagnostics.length === 0 ? 0 : 1;
}

function describeEvent(event: RunEvent): string | undefined {
  switch (event.type) {
    case "node-started":
      return `▶ ${event.nodeId} (${event.kind})`;
    case "node-finished":
      return `✔ ${event.nodeId} ${event.cached ? "cached" : `${Math.round(event.durationMs)} ms`}`;
    case "node-failed":
      return `✘ ${event.nodeId}: ${event.error}`;
    case "epoch": {
      const every = event.epochs === undefined ? 10 : Math.max(1, Math.round(event.epochs / 5));
      if (event.epoch !== 1 && event.epoch % every !== 0 && event.epoch !== event.epochs) return undefined;
      const total = event.epochs === undefined ? "" : `/${event.epochs}`;
      const values = { ...(event.loss === undefined ? {} : { loss: event.loss }), ...event.metrics };
      return `  ${event.nodeId} epoch ${event.epoch}${total} ${Object.entries(values)
        .map(([name, value]) => `${name} ${value.toFixed(4)}`)
        .join(" ")}`;
    }
    case "metric":
      return undefined;
    case "log":
      return `  ${event.nodeId}: ${event.message}`;
  }
}

function metricsOf(result: RunResult): Record<string, MetricsValue> {
  const metrics: Record<string, MetricsValue> = {};
  for (const [nodeId, outputs] of Object.entries(result.artifacts)) {
    for (const artifact of Object.values(outputs)) {
      if (artifact.type === "Metrics") metrics[nodeId] = artifact.value as MetricsValue;
    }
  }
  return metrics;
}

async function runCommand(path: string, json: boolean, named: Record<string, string>, out: CliOutput): Promise<number> {
  const file = await readPipelineFile(path);
  if (!file.ok) {
    if (json) out.stdout(`${JSON.stringify({ status: "failed", error: { message: "Invalid spec", diagnostics: file.diagnostics } }, null, 2)}\n`);
    else for (const diagnostic of file.diagnostics) out.stderr(`error: ${formatDiagnostic(diagnostic)}\n`);
    return 1;
  }
  configureNodeTensorFlow();
  configureNodeModelThreads();
  const started = performance.now();
  const result = await runSpec(file.spec, {
    datasets: fileDatasets(file.directory, { named }),
    ...(out.expressionSandbox === undefined ? {} : { expressionSandbox: out.expressionSandbox }),
    onEvent: (event) => {
      const line = describeEvent(event);
      if (line !== undefined) out.stderr(`${line}\n`);
    },
  });
  const metrics = metricsOf(result);
  if (json) {
    out.stdout(
      `${JSON.stringify(
        {
          status: result.status,
          durationMs: performance.now() - started,
          steps: result.steps,
          metrics,
          ...(result.error === undefined ? {} : { error: result.error }),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const [nodeId, value] of Object.entries(metrics)) {
      out.stdout(`${nodeId} (${value.partition}, ${value.rows} rows)\n`);
      for (const [name, number] of Object.entries(value.values)) out.stdout(`  ${name.padEnd(12)} ${number.toFixed(4)}\n`);
    }
    if (result.error !== undefined) {
      for (const diagnostic of result.error.diagnostics ?? []) out.stderr(`error: ${formatDiagnostic(diagnostic)}\n`);
      if (result.error.diagnostics === undefined) {
        out.stderr(`error: ${result.error.nodeId === undefined ? "" : `node ${result.error.nodeId}: `}${result.error.message}\n`);
      }
    }
    out.stdout(`${result.status} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return result.status === "succeeded" ? 0 : 1;
}

function nodesCommand(json: boolean, out: CliOutput): number {
  const nodes = listNodes();
  if (json) {
    out.stdout(`${JSON.stringify(nodes, null, 2)}\n`);
    return 0;
  }
  for (const node of nodes) {
    const ports = (list: typeof node.inputs) => list.map((p) => `${p.name}: ${p.type}${p.optional ? "?" : ""}`).join(", ");
    out.stdout(`${node.kind} v${node.version} — ${node.title} [${node.stage}]\n`);
    out.stdout(`  ${node.description}\n`);
    out.stdout(`  in (${ports(node.inputs)}) → out (${ports(node.outputs)})\n`);
    const properties = (node.paramsJsonSchema["properties"] ?? {}) as Record<string, Record<string, unknown>>;
    const required = new Set((node.paramsJsonSchema["required"] ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const type = Array.isArray(property["enum"]) ? (property["enum"] as unknown[]).join("|") : String(property["type"] ?? "value");
      const column = property["column"] === "single" || (property["items"] as Record<string, unknown> | undefined)?.["column"] === "single" ? " (column)" : "";
      const fallback = "default" in property ? ` = ${JSON.stringify(property["default"])}` : required.has(name) ? " (required)" : "";
      const description = typeof property["description"] === "string" ? ` — ${property["description"]}` : "";
      out.stdout(`    ${name}: ${type}${column}${fallback}${description}\n`);
    }
  }
  return 0;
}
