"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { toFlow, type FlowGraph } from "../flowGraph";
import { diffGraphs, type GraphDiff } from "../graphDiff";
import type { GraphHistory } from "../useGraphHistory";

/** Two saved versions shown on the canvas instead of the editor's graph, with what changed between them. */
export interface VersionComparison {
  title: string;
  diff: GraphDiff;
  flow: FlowGraph;
}

/** What the history panel does to the editor: restore a saved version into it, or show two versions compared. */
export function useVersionComparison({ projectId, history, notify }: { projectId: string; history: GraphHistory; notify(message: string): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { change } = history;
  const [comparison, setComparison] = useState<VersionComparison | null>(null);

  const closeComparison = useCallback(() => setComparison(null), []);

  /** An undoable change of the editor's graph, not a new version: the user saves one to keep it. */
  const restoreVersion = useCallback(
    async (versionId: string) => {
      const version = await queryClient.fetchQuery(trpc.pipeline.version.queryOptions({ projectId, versionId }));
      change((f) => toFlow(version.graph, f));
      setComparison(null);
      notify(`Restored version ${version.number} into the editor. Save a version to keep it.`);
    },
    [change, notify, projectId, queryClient, trpc.pipeline.version],
  );

  /** Shows the newer version with the nodes the older one had and it lost, so removals are visible too. */
  const compareVersions = useCallback(
    async (olderId: string, newerId: string) => {
      const [older, newer] = await Promise.all(
        [olderId, newerId].map((versionId) => queryClient.fetchQuery(trpc.pipeline.version.queryOptions({ projectId, versionId }))),
      );
      if (!older || !newer) return;
      const diff = diffGraphs(older.graph, newer.graph);
      const removed = older.graph.nodes.filter((n) => diff.nodes[n.id]?.change === "removed");
      setComparison({
        title: `v${older.number} → v${newer.number}`,
        diff,
        flow: toFlow({ ...newer.graph, nodes: [...newer.graph.nodes, ...removed] }),
      });
    },
    [projectId, queryClient, trpc.pipeline.version],
  );

  return { comparison, closeComparison, restoreVersion, compareVersions };
}
