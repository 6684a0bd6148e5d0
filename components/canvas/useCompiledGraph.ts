"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { compileGraph, type CompileResult } from "@/pipeline/compiler/compile";
import { catalog } from "@/pipeline/nodes/catalog";
import type { Diagnostic } from "@/pipeline/spec/diagnostics";
import { tableSchemaOf } from "@/pipeline/spec/portTypes";
import type { ColumnSchema } from "@/pipeline/ml/table/table";
import { useTRPC } from "@/components/trpc/client";
import { catalogByKind } from "./catalog";
import type { CompileInput } from "./compileInput";

export interface CompiledGraph {
  result: CompileResult;
  byNode: Map<string, Diagnostic[]>;
  /** Document-level problems (not tied to a node). */
  general: Diagnostic[];
  datasetFailures: { nodeId: string; message: string }[];
  /** Number of columns of a dataset, when its schema is known. */
  datasetColumns(reference: string): number | undefined;
  /** Columns flowing into a node's input port, or undefined while unknown. */
  columnsInto(nodeId: string, port: string | undefined): ColumnSchema[] | undefined;
}

/**
 * Compiles the canvas graph in the browser on every change, with dataset schemas
 * from the server, so diagnostics and column pickers are live.
 */
export function useCompiledGraph(projectId: string, graph: CompileInput): CompiledGraph {
  const trpc = useTRPC();
  const datasetNodes = useMemo(
    () => graph.nodes.filter((n) => catalogByKind.get(n.kind)?.inputs.length === 0).map((n) => ({ id: n.id, kind: n.kind, params: n.params })),
    [graph.nodes],
  );
  const datasetSchemas = useQuery({
    ...trpc.dataset.schemas.queryOptions({ projectId, nodes: datasetNodes }),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });

  return useMemo(() => {
    const result = compileGraph(graph, catalog, { datasetSchemas: datasetSchemas.data?.schemas ?? {} });
    const byNode = new Map<string, Diagnostic[]>();
    const general: Diagnostic[] = [];
    const failures = datasetSchemas.data?.failures ?? [];
    for (const failure of failures) {
      byNode.set(failure.nodeId, [{ nodeId: failure.nodeId, code: "invalid-param", param: "dataset", message: failure.message }]);
    }
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.nodeId === undefined) general.push(diagnostic);
      else byNode.set(diagnostic.nodeId, [...(byNode.get(diagnostic.nodeId) ?? []), diagnostic]);
    }
    const columnsInto = (nodeId: string, port: string | undefined) => {
      const node = graph.nodes.find((n) => n.id === nodeId);
      const inputs = catalogByKind.get(node?.kind ?? "")?.inputs ?? [];
      const portName = port ?? inputs.find((i) => i.type !== "Model" && i.type !== "LabelMatrix")?.name;
      const edge = graph.edges.find((e) => e.target === nodeId && e.targetHandle === portName);
      if (!edge) return undefined;
      return tableSchemaOf(result.schemas[edge.source]?.[edge.sourceHandle])?.columns;
    };
    const datasetColumns = (reference: string) => datasetSchemas.data?.schemas[reference]?.columns.length;
    return { result, byNode, general, datasetFailures: failures, columnsInto, datasetColumns };
  }, [graph, datasetSchemas.data]);
}
