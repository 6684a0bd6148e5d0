import { canonicalJson } from "./canonicalJson";
import { sha256Hex } from "./sha256";
import type { PipelineSpec } from "./spec";

export interface FingerprintInput {
  /** Fingerprint of the upstream node and the output port read. */
  fingerprint: string;
  output: string;
  /** Content hash of the upstream artifact, when it has been produced. */
  dataHash?: string;
}

export interface FingerprintSource {
  kind: string;
  version: number;
  params: unknown;
  inputs: Record<string, FingerprintInput>;
  /** Content hashes of external datasets the node reads, by reference. */
  externalData?: Record<string, string>;
}

/**
 * Same fingerprint → same artifact, so editing one node re-executes only it and
 * what is downstream. Params go through canonical JSON so key order never matters.
 */
export function nodeFingerprint(source: FingerprintSource): string {
  return sha256Hex(
    canonicalJson({
      fingerprint: "vajra-node/1",
      kind: source.kind,
      version: source.version,
      params: source.params,
      inputs: source.inputs,
      externalData: source.externalData ?? {},
    }),
  );
}

/**
 * Structural fingerprints (no data hashes) of every node of a spec, in spec order.
 * They identify a node's recipe before anything runs, e.g. to show what a rerun will reuse.
 */
export function specFingerprints(spec: PipelineSpec): Record<string, string> {
  const fingerprints: Record<string, string> = {};
  for (const node of spec.nodes) {
    const inputs: Record<string, FingerprintInput> = {};
    for (const [port, source] of Object.entries(node.inputs)) {
      const upstream = fingerprints[source.node];
      if (upstream === undefined) throw new Error(`Node "${node.id}" reads "${source.node}" before it is defined`);
      inputs[port] = { fingerprint: upstream, output: source.output };
    }
    fingerprints[node.id] = nodeFingerprint({ kind: node.kind, version: node.version, params: node.params, inputs });
  }
  return fingerprints;
}

/** Hash of a whole spec, for PipelineVersion.specHash. */
export function specHash(spec: PipelineSpec): string {
  return sha256Hex(canonicalJson(spec));
}
