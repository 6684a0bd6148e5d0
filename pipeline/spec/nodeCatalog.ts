import { z } from "zod";
import type { AnyNodeDefinition, PortDefinition, Stage } from "./nodeDefinition";

/** What the palette and inspector need to know about a node kind, JSON-safe. */
export interface NodeSummary {
  kind: string;
  version: number;
  title: string;
  description: string;
  stage: Stage;
  inputs: PortDefinition[];
  outputs: PortDefinition[];
  /** Set for a node that changes something outside the run, e.g. the model registry: it runs only on a server worker. */
  sideEffect?: { reason: string };
  /** Set for a source that reads a database on the server: it runs only on a server worker. */
  liveData?: { reason: string };
  /** JSON Schema of the params (input side: defaults make fields optional); column params carry `"column"`. */
  paramsJsonSchema: Record<string, unknown>;
}

export class NodeCatalog {
  private readonly byKind = new Map<string, AnyNodeDefinition>();

  constructor(definitions: AnyNodeDefinition[]) {
    for (const definition of definitions) {
      if (this.byKind.has(definition.kind)) throw new Error(`Node kind "${definition.kind}" registered twice`);
      this.byKind.set(definition.kind, definition);
    }
  }

  get(kind: string): AnyNodeDefinition | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  summaries(): NodeSummary[] {
    return [...this.byKind.values()].map((definition) => ({
      kind: definition.kind,
      version: definition.version,
      title: definition.title,
      description: definition.description,
      stage: definition.stage,
      inputs: definition.inputs,
      outputs: definition.outputs,
      ...(definition.sideEffect === undefined ? {} : { sideEffect: definition.sideEffect }),
      ...(definition.liveData === undefined ? {} : { liveData: definition.liveData }),
      paramsJsonSchema: z.toJSONSchema(definition.params, { io: "input", unrepresentable: "any" }) as Record<string, unknown>,
    }));
  }
}
