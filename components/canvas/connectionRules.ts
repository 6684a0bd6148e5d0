import { canConnect } from "@/pipeline/spec/portTypes";
import { catalogByKind } from "./catalog";
import type { FlowGraph } from "./flowGraph";

export interface ConnectionAttempt {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
}

/** Why a connection is refused, or null when it is allowed. Shown to the user as is. */
export function connectionProblem(flow: FlowGraph, attempt: ConnectionAttempt): string | null {
  if (attempt.source === attempt.target) return "A node cannot feed itself.";
  const kindOf = (id: string) => flow.nodes.find((n) => n.id === id)?.data.kind ?? "";
  const output = catalogByKind.get(kindOf(attempt.source))?.outputs.find((p) => p.name === attempt.sourceHandle);
  const input = catalogByKind.get(kindOf(attempt.target))?.inputs.find((p) => p.name === attempt.targetHandle);
  if (!output || !input) return "Connect an output port (right) to an input port (left).";
  if (!canConnect(output.type, input.type)) {
    return `A ${output.type} output cannot feed the ${input.type} input "${input.name}".`;
  }
  const taken = flow.edges.some((e) => e.target === attempt.target && e.targetHandle === attempt.targetHandle);
  if (taken) return `Input "${input.name}" is already connected; delete that edge first.`;
  return null;
}
