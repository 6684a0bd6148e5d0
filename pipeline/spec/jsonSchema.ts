import { z } from "zod";
import type { Diagnostic } from "./diagnostics";
import type { NodeCatalog } from "./nodeCatalog";
import { pipelineSpecSchema, SPEC_VERSION, type PipelineSpec } from "./spec";

/**
 * The published JSON Schema of the current spec version. Given a catalog, each node
 * is also checked against its kind's params schema, so editors can complete params.
 */
export function pipelineSpecJsonSchema(catalog?: NodeCatalog): Record<string, unknown> {
  const schema: Record<string, unknown> = {
    ...(z.toJSONSchema(pipelineSpecSchema, { target: "draft-2020-12" }) as Record<string, unknown>),
    $id: `https://vajra.dev/schemas/pipeline-spec/v${SPEC_VERSION}.json`,
    title: "Vajra pipeline spec",
  };
  if (catalog === undefined) return schema;
  const perKind = catalog.summaries().map((node) => {
    const params = { ...node.paramsJsonSchema };
    delete params["$schema"];
    return {
      if: { properties: { kind: { const: node.kind } }, required: ["kind"] },
      then: { properties: { version: { const: node.version }, params } },
    };
  });
  const properties = schema["properties"] as { nodes: { items: Record<string, unknown> } };
  properties.nodes.items = { ...properties.nodes.items, allOf: perKind };
  return schema;
}

/**
 * Upgrades from spec version N to N+1, keyed by N. Each takes the raw JSON of
 * version N and returns raw JSON of version N+1; the last result is validated
 * against the current schema. Empty while only version 1 exists.
 */
export type SpecUpgrade = (document: Record<string, unknown>) => Record<string, unknown>;
export const SPEC_UPGRADES: Readonly<Record<number, SpecUpgrade>> = {};

export type LoadResult<T> = { ok: true; spec: T; upgradedFrom?: number } | { ok: false; diagnostics: Diagnostic[] };

export interface SpecLoaderConfig<T> {
  currentVersion: number;
  upgrades: Readonly<Record<number, SpecUpgrade>>;
  schema: z.ZodType<T>;
}

/** Builds a loader that upgrades documents of any older version step by step, then validates them. */
export function createSpecLoader<T>(config: SpecLoaderConfig<T>): (document: unknown) => LoadResult<T> {
  const fail = (message: string): LoadResult<T> => ({ ok: false, diagnostics: [{ code: "invalid-graph", message }] });
  return (document) => {
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
      return fail("A spec must be a JSON object");
    }
    let current = document as Record<string, unknown>;
    const original = current["specVersion"];
    if (typeof original !== "number" || !Number.isInteger(original) || original < 1) {
      return fail("specVersion must be a positive integer");
    }
    if (original > config.currentVersion) {
      return fail(`specVersion ${original} is newer than this build understands (${config.currentVersion})`);
    }
    for (let version = original; version < config.currentVersion; version++) {
      const upgrade = config.upgrades[version];
      if (upgrade === undefined) return fail(`No upgrade from specVersion ${version} to ${version + 1}`);
      current = { ...upgrade(current), specVersion: version + 1 };
    }
    const parsed = config.schema.safeParse(current);
    if (!parsed.success) {
      return {
        ok: false,
        diagnostics: parsed.error.issues.map((issue) => ({
          code: "invalid-graph" as const,
          message: `${issue.path.join(".") || "spec"}: ${issue.message}`,
        })),
      };
    }
    return { ok: true, spec: parsed.data, ...(original === config.currentVersion ? {} : { upgradedFrom: original }) };
  };
}

/** Accepts a spec of any published version (as parsed JSON) and returns it at the current version. */
export const loadSpec: (document: unknown) => LoadResult<PipelineSpec> = createSpecLoader({
  currentVersion: SPEC_VERSION,
  upgrades: SPEC_UPGRADES,
  schema: pipelineSpecSchema,
});
