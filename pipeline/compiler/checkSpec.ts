import { compileGraph, type CompileOptions, type CompileResult } from "./compile";
import type { Diagnostic } from "../spec/diagnostics";
import type { Graph } from "../spec/graph";
import type { NodeCatalog } from "../spec/nodeCatalog";
import type { PipelineSpec } from "../spec/spec";

/**
 * Checks a spec as thoroughly as a graph: it is turned back into a graph and compiled,
 * after upgrading nodes written for an older version of their kind and checking that
 * every node is then at its kind's current version.
 */
export function checkSpec(spec: PipelineSpec, catalog: NodeCatalog, options: CompileOptions = {}): CompileResult {
  const upgraded = upgradeNodeVersions(spec, catalog);
  const versionIssues = nodeVersionIssues(upgraded, catalog);
  const compiled = compileGraph(specToGraph(upgraded), catalog, options);
  if (versionIssues.length === 0) return compiled;
  return { ok: false, schemas: compiled.schemas, diagnostics: [...versionIssues, ...compiled.diagnostics] };
}

/**
 * The spec with each node written for an older version of its kind brought to the current one
 * through the kind's params upgrades. Nodes with no upgrade path are left as they are, for
 * nodeVersionIssues to report.
 */
export function upgradeNodeVersions(spec: PipelineSpec, catalog: NodeCatalog): PipelineSpec {
  return {
    ...spec,
    nodes: spec.nodes.map((node) => {
      const definition = catalog.get(node.kind);
      if (definition === undefined || node.version >= definition.version) return node;
      let params = node.params;
      for (let version = node.version; version < definition.version; version++) {
        const upgrade = definition.upgrades?.[version];
        if (upgrade === undefined) return node;
        params = upgrade(params);
      }
      return { ...node, version: definition.version, params };
    }),
  };
}

/** Nodes written for another version of their kind: this build would read their params with a different meaning. */
export function nodeVersionIssues(spec: PipelineSpec, catalog: NodeCatalog): Diagnostic[] {
  return spec.nodes.flatMap((node) => {
    const definition = catalog.get(node.kind);
    if (definition === undefined || definition.version === node.version) return [];
    return [
      {
        nodeId: node.id,
        code: "unsupported-version" as const,
        message: `Node "${node.id}" was written for ${node.kind} v${node.version}; this build has v${definition.version}`,
      },
    ];
  });
}

/** A spec laid out as a graph (no positions), e.g. to open a spec file on the canvas. */
export function specToGraph(spec: PipelineSpec): Graph {
  return {
    nodes: spec.nodes.map((node) => ({ id: node.id, kind: node.kind, params: node.params })),
    edges: spec.nodes.flatMap((node) =>
      Object.entries(node.inputs).map(([port, source]) => ({
        source: source.node,
        sourceHandle: source.output,
        target: node.id,
        targetHandle: port,
      })),
    ),
  };
}
