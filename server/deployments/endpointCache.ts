import type { Deployment, DeploymentKey } from "../../generated/prisma/client";
import type { ChangeListener } from "../db/changeListener";
import type { Db } from "../db";
import { secretMatches, prefixOf } from "../auth/secretToken";

export interface ServingEndpoint {
  deployment: Deployment;
  /** The endpoint's live (not revoked) keys, hashed. */
  keys: Pick<DeploymentKey, "id" | "prefix" | "keyHash">[];
}

interface Entry {
  endpoint: Promise<ServingEndpoint | null>;
  loadedAt: number;
  deploymentId: string | null;
}

/** A change missed while the listener reconnects is picked up after this long at most. */
const MAX_AGE_MS = 5_000;
const MAX_ENTRIES = 1_000;

/**
 * What the predict route needs to know about an endpoint (its deployment row and live keys), kept per
 * process instead of read on every request: the two reads cost more than the prediction itself. Every
 * change to a deployment or its keys is announced over NOTIFY (endpointChanges.ts) and drops the entry in
 * every process at once; entries also expire after MAX_AGE_MS in case an announcement was missed.
 */
export class EndpointCache {
  private readonly bySlug = new Map<string, Entry>();
  private readonly unsubscribes = new Map<string, Promise<() => void>>();
  /** Bumped by every announcement, so a read that started before a change is not cached after it. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly listener: ChangeListener,
  ) {}

  get(slug: string): Promise<ServingEndpoint | null> {
    const cached = this.bySlug.get(slug);
    if (cached && performance.now() - cached.loadedAt < MAX_AGE_MS) return cached.endpoint;
    const generation = this.generation;
    const entry: Entry = { endpoint: this.read(slug), loadedAt: performance.now(), deploymentId: null };
    this.remember(slug, entry);
    void entry.endpoint.then(
      (endpoint) => {
        if (generation !== this.generation) this.forget(slug, entry);
        else if (endpoint) this.watch(slug, entry, endpoint.deployment.id);
      },
      () => this.forget(slug, entry),
    );
    return entry.endpoint;
  }

  private async read(slug: string): Promise<ServingEndpoint | null> {
    const deployment = await this.db.deployment.findUnique({
      where: { slug },
      include: { keys: { where: { revokedAt: null }, select: { id: true, prefix: true, keyHash: true } } },
    });
    if (!deployment) return null;
    const { keys, ...row } = deployment;
    return { deployment: row, keys };
  }

  private remember(slug: string, entry: Entry): void {
    this.bySlug.delete(slug);
    this.bySlug.set(slug, entry);
    // The oldest first: Map keeps insertion order, and a refresh re-inserts.
    for (const [oldest, old] of this.bySlug) {
      if (this.bySlug.size <= MAX_ENTRIES) break;
      this.forget(oldest, old);
    }
  }

  private watch(slug: string, entry: Entry, deploymentId: string): void {
    entry.deploymentId = deploymentId;
    if (this.unsubscribes.has(deploymentId)) return;
    this.unsubscribes.set(
      deploymentId,
      this.listener.subscribe(deploymentId, () => {
        this.generation++;
        for (const [cachedSlug, cached] of this.bySlug) if (cached.deploymentId === deploymentId) this.forget(cachedSlug, cached);
      }),
    );
  }

  private forget(slug: string, entry: Entry): void {
    if (this.bySlug.get(slug) === entry) this.bySlug.delete(slug);
    const id = entry.deploymentId;
    if (id === null || [...this.bySlug.values()].some((other) => other.deploymentId === id)) return;
    const unsubscribe = this.unsubscribes.get(id);
    this.unsubscribes.delete(id);
    void unsubscribe?.then((stop) => stop());
  }
}

/**
 * Tokens already matched to a key, per cached endpoint: a busy key is hashed once per cache entry
 * instead of on every request. Only matches are kept, so an entry holds at most one token per live
 * key; it goes with the endpoint entry (dropped when a key is revoked or rotated, or after MAX_AGE_MS).
 */
const matchedTokens = new WeakMap<ServingEndpoint, Map<string, string>>();

/** The id of the endpoint's live key that `token` is, or null. */
export function matchServingKey(endpoint: ServingEndpoint, token: string): string | null {
  const matched = matchedTokens.get(endpoint)?.get(token);
  if (matched !== undefined) return matched;
  if (!token.startsWith("vjd_")) return null;
  const prefix = prefixOf(token);
  const keyId = endpoint.keys.find((key) => key.prefix === prefix && secretMatches(token, key.keyHash))?.id ?? null;
  if (keyId !== null) {
    let tokens = matchedTokens.get(endpoint);
    if (tokens === undefined) matchedTokens.set(endpoint, (tokens = new Map()));
    tokens.set(token, keyId);
  }
  return keyId;
}
