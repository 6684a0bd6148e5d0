import { z } from "zod";
import { DIAGNOSTIC_CODES } from "../spec/diagnostics";
import { PORT_TYPES } from "../spec/portTypes";
import { encodeArtifactValue, type JsonValue } from "./artifactCodec";
import type { RunResult } from "./runSpec";

/**
 * A RunResult as plain JSON: what a browser run hands to the page and uploads, so the
 * server can record steps and store artifacts whichever side ran. Artifact values go
 * through artifactCodec (typed arrays become tagged base64); decodeArtifactValue
 * restores them and hashArtifactValue of the decoded value equals `hash`.
 */
const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

const portTypeSchema = z.enum(PORT_TYPES);

export const serializedArtifactSchema = z.object({ type: portTypeSchema, hash: z.string(), value: jsonValueSchema });

export const stepRecordSchema = z.object({
  nodeId: z.string(),
  kind: z.string(),
  fingerprint: z.string(),
  cached: z.boolean(),
  durationMs: z.number().nonnegative(),
  outputs: z.record(z.string(), z.object({ type: portTypeSchema, hash: z.string() })),
});

const diagnosticSchema = z.object({
  nodeId: z.string().optional(),
  param: z.string().optional(),
  port: z.string().optional(),
  code: z.enum(DIAGNOSTIC_CODES),
  message: z.string(),
});

export const serializedRunResultSchema = z.object({
  status: z.enum(["succeeded", "failed", "cancelled"]),
  artifacts: z.record(z.string(), z.record(z.string(), serializedArtifactSchema)),
  steps: z.array(stepRecordSchema),
  error: z.object({ nodeId: z.string().optional(), message: z.string(), diagnostics: z.array(diagnosticSchema).optional() }).optional(),
});

export type SerializedArtifact = z.infer<typeof serializedArtifactSchema>;
export type SerializedRunResult = z.infer<typeof serializedRunResultSchema>;

export function serializeRunResult(result: RunResult): SerializedRunResult {
  const artifacts: SerializedRunResult["artifacts"] = {};
  for (const [nodeId, outputs] of Object.entries(result.artifacts)) {
    artifacts[nodeId] = Object.fromEntries(
      Object.entries(outputs).map(([port, artifact]) => [port, { type: artifact.type, hash: artifact.hash, value: encodeArtifactValue(artifact.value) }]),
    );
  }
  return {
    status: result.status,
    artifacts,
    steps: result.steps,
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}
