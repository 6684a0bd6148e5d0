"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField } from "@/components/ui/SelectField";
import { useTRPC, useTRPCClient } from "@/components/trpc/client";
import { EMPTY_GRAPH } from "@/contracts/storedGraph";
import { cellFunctions, functionCode } from "./cellFunctions";
import { withCustomCodeNode } from "./customCodeNode";

interface Props {
  projectId: string;
  source: string;
  language: "javascript" | "typescript";
  onClose(): void;
}

/**
 * Turns a function a code cell defines into a Custom code node: the user picks a pipeline
 * (and the function, if the cell has several); the node, with the function and what it
 * uses from the cell, joins their draft of that pipeline, as if added on the canvas.
 */
export function MakeCanvasNodeDialog({ projectId, source, language, onClose }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const titleId = useId();
  const functions = useMemo(() => cellFunctions(source), [source]);
  const pipelines = useQuery(trpc.pipeline.list.queryOptions({ projectId }));
  const [chosenPipeline, setPipelineId] = useState<string | null>(null);
  const [chosenFunction, setFunctionName] = useState<string | null>(null);
  const pipelineId = chosenPipeline ?? pipelines.data?.[0]?.id ?? null;
  // The last function is usually the one the cell was written for; helpers come first.
  const functionName = chosenFunction ?? functions[functions.length - 1] ?? null;
  const code = useMemo(() => (functionName === null ? "" : functionCode(source, functionName)), [source, functionName]);

  const add = useMutation({
    mutationFn: async (target: { pipelineId: string; functionName: string }) => {
      const opened = await client.pipeline.open.query({ projectId, pipelineId: target.pipelineId });
      // Added to what the canvas would open for this user: their draft, else the latest version.
      const graph = opened.draft?.graph ?? opened.latestVersion?.graph ?? EMPTY_GRAPH;
      const baseVersionId = opened.draft ? (opened.draft.baseVersion?.id ?? null) : (opened.latestVersion?.id ?? null);
      const added = withCustomCodeNode(graph, { code, functionName: target.functionName, language });
      // An editor tab that saved the draft in the meantime makes this a CONFLICT rather than losing its edits.
      await client.pipeline.saveDraft.mutate({
        projectId,
        pipelineId: target.pipelineId,
        graph: added.graph,
        baseVersionId,
        expectedUpdatedAt: opened.draft?.updatedAt ?? null,
      });
      return { pipelineId: target.pipelineId, pipelineName: opened.pipeline.name, nodeId: added.nodeId };
    },
    // The canvas keeps an opened pipeline cached for good; it must load the new draft.
    onSuccess: ({ pipelineId: id }) => queryClient.removeQueries({ queryKey: trpc.pipeline.open.queryKey({ projectId, pipelineId: id }) }),
  });

  // A second click would add a second copy of the node: choose another pipeline or function first.
  const alreadyAdded = add.data?.pipelineId === pipelineId && add.variables?.functionName === functionName;

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/30 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="flex max-h-full w-full max-w-xl flex-col gap-3 overflow-y-auto rounded-lg bg-white p-4 shadow-xl"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === "Escape") onClose();
        }}
      >
        <h2 id={titleId} className="text-base font-semibold">
          Make canvas node
        </h2>
        <p className="text-sm text-slate-600">
          Adds a <strong>Custom code</strong> node (Table → Table) that calls your function, to your draft of a pipeline. Connect its input on the canvas.
        </p>
        {pipelines.error && <Alert>{pipelines.error.message}</Alert>}
        {pipelines.data?.length === 0 && (
          <Alert tone="info">
            This project has no pipelines yet.{" "}
            <Link href={`/projects/${projectId}`} className="underline">
              Create one
            </Link>{" "}
            first.
          </Alert>
        )}
        {pipelines.data && pipelines.data.length > 0 && (
          <SelectField
            label="Pipeline"
            autoFocus
            value={pipelineId ?? ""}
            onChange={(e) => setPipelineId(e.target.value)}
            options={pipelines.data.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        {functions.length > 1 && (
          <SelectField
            label="Function"
            value={functionName ?? ""}
            onChange={(e) => setFunctionName(e.target.value)}
            options={functions.map((name) => ({ value: name, label: name }))}
          />
        )}
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium text-slate-700">Code for the node{functions.length === 1 ? ` (calls ${functionName})` : ""}</span>
          <pre className="max-h-60 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs" data-testid="node-code">
            {code}
          </pre>
        </div>
        {add.error && <Alert>{add.error.message}</Alert>}
        {add.data && (
          <Alert tone="success">
            Added {add.data.nodeId} to your draft of {add.data.pipelineName}.{" "}
            <Link href={`/projects/${projectId}/pipelines/${add.data.pipelineId}`} className="font-medium underline">
              Open canvas
            </Link>
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {add.data ? "Close" : "Cancel"}
          </Button>
          <Button
            disabled={pipelineId === null || functionName === null || add.isPending || alreadyAdded}
            onClick={() => pipelineId !== null && functionName !== null && add.mutate({ pipelineId, functionName })}
          >
            {add.isPending ? "Adding…" : alreadyAdded ? "Added" : "Add to pipeline"}
          </Button>
        </div>
      </div>
    </div>
  );
}
