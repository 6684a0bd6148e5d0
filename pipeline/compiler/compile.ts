import type { z } from "zod";
import type { TableSchema } from "../ml/table/table";
import { findColumnReferences, targetDefaultedParams } from "../spec/columnParams";
import type { Diagnostic } from "../spec/diagnostics";
import { graphSchema } from "../spec/graph";
import type { NodeCatalog } from "../spec/nodeCatalog";
import type { AnyNodeDefinition } from "../spec/nodeDefinition";
import { canConnect, tableSchemaOf, type PortSchema } from "../spec/portTypes";
import { SPEC_VERSION, type PipelineSpec, type SpecNode } from "../spec/spec";

export interface CompileOptions {
  /** Schemas of external datasets (by reference) known ahead of time; unknown ones leave Load's output unchecked. */
  datasetSchemas?: Record<string, TableSchema>;
}

/** Output schemas per node and port; `undefined` where a schema could not be determined. */
export type SchemaMap = Record<string, Record<string, PortSchema | undefined>>;

export type CompileResult =
  { ok: true; spec: PipelineSpec; schemas: SchemaMap; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[]; schemas: SchemaMap };

interface ResolvedNode {
  id: string;
  definition: AnyNodeDefinition;
  /** Parsed params, or undefined when they failed validation. */
  params: unknown;
  inputs: Record<string, { node: string; output: string }>;
}

/**
 * Graph → spec. Problems are collected, not thrown, so the canvas can show all of
 * them at once on the nodes, params and ports they concern. The node kinds come
 * from the caller's catalog, so the compiler knows no node implementation.
 */
export function compileGraph(input: unknown, catalog: NodeCatalog, options: CompileOptions = {}): CompileResult {
  const parsed = graphSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      schemas: {},
      diagnostics: parsed.error.issues.map((issue) => ({
        code: "invalid-graph" as const,
        message: `${issue.path.join(".") || "graph"}: ${issue.message}`,
      })),
    };
  }
  const graph = parsed.data;
  const diagnostics: Diagnostic[] = [];

  const nodes = new Map<string, ResolvedNode>();
  const order: string[] = [];
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) {
      diagnostics.push({ nodeId: node.id, code: "duplicate-node", message: `Node id "${node.id}" is used twice` });
      continue;
    }
    order.push(node.id);
    seen.add(node.id);
    const definition = catalog.get(node.kind);
    if (definition === undefined) {
      diagnostics.push({ nodeId: node.id, code: "unknown-kind", message: `Unknown node kind "${node.kind}"` });
      continue;
    }
    nodes.set(node.id, { id: node.id, definition, params: parseParams(node.id, definition.params, node.params, diagnostics), inputs: {} });
  }

  const successors = new Map<string, Set<string>>(order.map((id) => [id, new Set<string>()]));
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!seen.has(edge.source) || !seen.has(edge.target)) {
      const missing = seen.has(edge.source) ? edge.target : edge.source;
      diagnostics.push({
        nodeId: seen.has(edge.target) ? edge.target : edge.source,
        code: "invalid-graph",
        message: `Edge refers to node "${missing}", which does not exist`,
      });
      continue;
    }
    successors.get(edge.source)!.add(edge.target);
    if (source === undefined || target === undefined) continue;
    const output = source.definition.outputs.find((port) => port.name === edge.sourceHandle);
    const inputPort = target.definition.inputs.find((port) => port.name === edge.targetHandle);
    if (output === undefined) {
      diagnostics.push({
        nodeId: source.id,
        port: edge.sourceHandle,
        code: "unknown-port",
        message: `${source.definition.title} has no output "${edge.sourceHandle}"`,
      });
      continue;
    }
    if (inputPort === undefined) {
      diagnostics.push({
        nodeId: target.id,
        port: edge.targetHandle,
        code: "unknown-port",
        message: `${target.definition.title} has no input "${edge.targetHandle}"`,
      });
      continue;
    }
    if (!canConnect(output.type, inputPort.type)) {
      const mismatch = `Input "${inputPort.name}" takes ${inputPort.type}, but ${source.id}.${output.name} produces ${output.type}`;
      diagnostics.push({
        nodeId: target.id,
        port: inputPort.name,
        ...(inputPort.placement === undefined
          ? { code: "type-mismatch" as const, message: mismatch }
          : { code: "invalid-placement" as const, message: `${mismatch}. ${inputPort.placement}` }),
      });
      continue;
    }
    if (target.inputs[inputPort.name] !== undefined) {
      diagnostics.push({
        nodeId: target.id,
        port: inputPort.name,
        code: "duplicate-input",
        message: `Input "${inputPort.name}" is connected more than once`,
      });
      continue;
    }
    target.inputs[inputPort.name] = { node: source.id, output: output.name };
  }

  for (const node of nodes.values()) {
    for (const port of node.definition.inputs) {
      if (!port.optional && node.inputs[port.name] === undefined) {
        const alreadyReported = diagnostics.some((d) => d.nodeId === node.id && d.port === port.name);
        if (!alreadyReported) {
          diagnostics.push({
            nodeId: node.id,
            port: port.name,
            code: "missing-input",
            message: `Required input "${port.name}" (${port.type}) is not connected`,
          });
        }
      }
    }
  }

  const { sorted, cyclic } = topologicalOrder(order, successors);
  for (const id of cyclic) {
    diagnostics.push({ nodeId: id, code: "cycle", message: `Node "${id}" is part of a cycle` });
  }

  const schemas = propagateSchemas(sorted, nodes, options.datasetSchemas ?? {}, diagnostics);

  if (diagnostics.length > 0) return { ok: false, diagnostics, schemas };
  const spec: PipelineSpec = {
    specVersion: SPEC_VERSION,
    nodes: sorted.map((id): SpecNode => {
      const node = nodes.get(id)!;
      return {
        id,
        kind: node.definition.kind,
        version: node.definition.version,
        params: node.params as Record<string, unknown>,
        inputs: node.inputs,
      };
    }),
  };
  return { ok: true, spec, schemas, diagnostics };
}

function parseParams(nodeId: string, schema: z.ZodType, raw: unknown, diagnostics: Diagnostic[]): unknown {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const param = issue.path.map(String).join(".");
    diagnostics.push({
      nodeId,
      ...(param === "" ? {} : { param }),
      code: "invalid-param",
      message: isMissingValue(issue) ? `"${param}" is required` : param === "" ? issue.message : `${param}: ${issue.message}`,
    });
  }
  return undefined;
}

function isMissingValue(issue: z.core.$ZodIssue): boolean {
  return issue.code === "invalid_type" && issue.path.length > 0 && issue.message.endsWith("received undefined");
}

/**
 * Kahn's algorithm, taking ready nodes in their original order so the spec is
 * stable across compiles. Nodes never released are in a cycle or downstream of
 * one; only those on a cycle (they can reach themselves) are reported.
 */
export function topologicalOrder(ids: string[], successors: Map<string, Set<string>>): { sorted: string[]; cyclic: string[] } {
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const targets of successors.values()) {
    for (const target of targets) indegree.set(target, (indegree.get(target) ?? 0) + 1);
  }
  const sorted: string[] = [];
  const released = new Set<string>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const id of ids) {
      if (released.has(id) || indegree.get(id) !== 0) continue;
      released.add(id);
      sorted.push(id);
      progressed = true;
      for (const target of successors.get(id) ?? []) indegree.set(target, indegree.get(target)! - 1);
      break;
    }
  }
  const remaining = ids.filter((id) => !released.has(id));
  const cyclic = remaining.filter((id) => reaches(id, id, successors));
  return { sorted, cyclic };
}

function reaches(from: string, to: string, successors: Map<string, Set<string>>): boolean {
  const seen = new Set<string>();
  const stack = [...(successors.get(from) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(successors.get(id) ?? []));
  }
  return false;
}

function propagateSchemas(
  sorted: string[],
  nodes: Map<string, ResolvedNode>,
  datasetSchemas: Record<string, TableSchema>,
  diagnostics: Diagnostic[],
): SchemaMap {
  const schemas: SchemaMap = {};
  for (const id of sorted) {
    const node = nodes.get(id);
    if (node === undefined) continue;
    const unknownOutputs = Object.fromEntries(node.definition.outputs.map((port) => [port.name, undefined]));
    schemas[id] = unknownOutputs;
    const blocked = diagnostics.some((d) => d.nodeId === id);
    if (blocked || node.params === undefined) continue;

    const inputs: Record<string, PortSchema | undefined> = {};
    let inputsKnown = true;
    for (const port of node.definition.inputs) {
      const source = node.inputs[port.name];
      if (source === undefined) continue;
      const schema = schemas[source.node]?.[source.output];
      if (schema === undefined) inputsKnown = false;
      inputs[port.name] = schema;
    }
    if (!inputsKnown) continue;

    const targetIssues = fillTargetDefaults(node, inputs);
    if (targetIssues.length > 0) {
      diagnostics.push(...targetIssues);
      continue;
    }
    const columnIssues = checkColumns(node, inputs);
    if (columnIssues.length > 0) {
      diagnostics.push(...columnIssues);
      continue;
    }
    const inferred = node.definition.inferSchema(node.params, {
      inputs,
      datasetSchema: (reference) => datasetSchemas[reference],
    });
    if ("issues" in inferred) {
      diagnostics.push(...inferred.issues.map((issue) => ({ nodeId: id, ...issue })));
      continue;
    }
    schemas[id] = { ...unknownOutputs, ...inferred.outputs };
  }
  return schemas;
}

/**
 * Writes the upstream target column into params that default to it and were left
 * empty, so the spec names the column explicitly; reports when there is none.
 */
function fillTargetDefaults(node: ResolvedNode, inputs: Record<string, PortSchema | undefined>): Diagnostic[] {
  const params = node.params as Record<string, unknown>;
  const missing = targetDefaultedParams(node.definition.params).filter((key) => params[key] === undefined);
  if (missing.length === 0) return [];
  const target = node.definition.inputs.map((port) => tableSchemaOf(inputs[port.name])?.target).find((name) => name !== undefined);
  if (target === undefined) {
    return missing.map((param) => ({
      nodeId: node.id,
      param,
      code: "missing-target" as const,
      message: `Choose the column to predict: "${param}" is empty and the input has no target column`,
    }));
  }
  node.params = { ...params, ...Object.fromEntries(missing.map((key) => [key, target])) };
  return [];
}

function checkColumns(node: ResolvedNode, inputs: Record<string, PortSchema | undefined>): Diagnostic[] {
  const defaultPort = node.definition.inputs.find((port) => tableSchemaOf(inputs[port.name]) !== undefined)?.name;
  const issues: Diagnostic[] = [];
  for (const reference of findColumnReferences(node.definition.params, node.params)) {
    const port = reference.port ?? defaultPort;
    const table = port === undefined ? undefined : tableSchemaOf(inputs[port]);
    if (table === undefined) continue;
    if (!table.columns.some((column) => column.name === reference.column)) {
      issues.push({
        nodeId: node.id,
        param: reference.param,
        code: "unknown-column",
        message: `Column "${reference.column}" does not exist. Columns are: ${table.columns.map((c) => c.name).join(", ")}`,
      });
    }
  }
  return issues;
}
