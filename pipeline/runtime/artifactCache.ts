import type { PortType } from "../spec/portTypes";
import type { PortValue } from "../spec/portValues";

export interface Artifact {
  type: PortType;
  /** Content hash of the value (see hashArtifactValue). */
  hash: string;
  value: PortValue;
}

/** Everything one node produced, keyed by the fingerprint that produced it. */
export interface CachedStep {
  fingerprint: string;
  outputs: Record<string, Artifact>;
}

/**
 * Where the runner looks up and stores node outputs. The in-memory one serves the
 * browser and tests; the server plugs in its content-addressed store.
 */
export interface ArtifactCache {
  get(fingerprint: string): Promise<CachedStep | undefined>;
  put(step: CachedStep): Promise<void>;
}

export class MemoryArtifactCache implements ArtifactCache {
  private readonly steps = new Map<string, CachedStep>();

  async get(fingerprint: string): Promise<CachedStep | undefined> {
    return this.steps.get(fingerprint);
  }

  async put(step: CachedStep): Promise<void> {
    this.steps.set(step.fingerprint, step);
  }

  get size(): number {
    return this.steps.size;
  }

  clear(): void {
    this.steps.clear();
  }
}

/** A cache that never hits, for runs that must recompute everything. */
export const noCache: ArtifactCache = {
  async get() {
    return undefined;
  },
  async put() {},
};

/**
 * For "ignore cache" runs: every node misses, so it re-executes, yet its outputs are still
 * offered to `cache`, so whatever the cache lacked (or had lost) is there for the next ordinary run.
 */
export function writeOnly(cache: ArtifactCache): ArtifactCache {
  return {
    async get() {
      return undefined;
    },
    put: (step) => cache.put(step),
  };
}
