import type { ExpressionSandbox } from "../ml/labeling/expression-sandbox";
import { catalog as defaultCatalog } from "../nodes/catalog";
import { checkSpec } from "../compiler/checkSpec";
import type { Diagnostic } from "../spec/diagnostics";
import { nodeFingerprint, type FingerprintInput } from "../spec/fingerprint";
import type { NodeCatalog } from "../spec/nodeCatalog";
import type { RunContext } from "../spec/nodeDefinition";
import type { MetricsValue, PortValue } from "../spec/portValues";
import type { PipelineSpec } from "../spec/spec";
import type { TunerTrialRunner } from "../spec/tunerTrials";
import { MemoryArtifactCache, type Artifact, type ArtifactCache, type CachedStep } from "./artifactCache";
import { hashArtifactValue } from "./artifactHash";
import { readDatasetSchemas } from "./datasetSchemas";
import type { DatasetResolver } from "../spec/datasetResolver";
import type { InputArtifactRef, ModelRegistryPort } from "../spec/modelRegistry";
import type { LabelingQueuePort } from "../spec/labelingQueue";
import type { SqlSourcePort } from "../spec/sqlSource";
import type { RunEvent, RunEventListener } from "./events";
import { MemoizedDatasets } from "./memoizedDatasets";

export interface RunOptions {
  datasets: DatasetResolver;
  cache?: ArtifactCache;
  onEvent?: RunEventListener;
  signal?: AbortSignal;
  catalog?: NodeCatalog;
  /** Lets user code (expression labeling functions, custom code) run; without it those nodes fail with a clear message. */
  expressionSandbox?: ExpressionSandbox;
  /** Spreads tuner trials over workers; without it a tuner trains its trials itself. */
  tunerTrialRunner?: TunerTrialRunner;
  /** Lets a Deploy node register models; without it (browser, CLI) that node fails with a clear message. */
  modelRegistry?: ModelRegistryPort;
  /** Lets an Uncertainty sampler queue rows for labeling; without it that node fails with a clear message. */
  labelingQueue?: LabelingQueuePort;
  /** Lets a SQL query node read from the project's connections; without it that node fails with a clear message. */
  sqlSource?: SqlSourcePort;
  /**
   * false: let go of each output once every node reading it has run, and of a dataset's bytes once every node
   * naming it has run, so a large table is not held to the end beside everything computed from it. The result's
   * `artifacts` then holds only outputs no node reads. For callers that only want the outcome (the server, whose
   * cache stores each output as it is made); default true.
   */
  keepArtifacts?: boolean;
}

export interface StepRecord {
  nodeId: string;
  kind: string;
  fingerprint: string;
  cached: boolean;
  durationMs: number;
  outputs: Record<string, { type: Artifact["type"]; hash: string }>;
}

export interface RunFailure {
  /** Absent when the spec itself was rejected before any node ran. */
  nodeId?: string;
  message: string;
  diagnostics?: Diagnostic[];
}

export interface RunResult {
  status: "succeeded" | "failed" | "cancelled";
  /** Outputs of every node that finished, by node id then output port. */
  artifacts: Record<string, Record<string, Artifact>>;
  steps: StepRecord[];
  error?: RunFailure;
}

/**
 * Executes a spec: checks it (with the real dataset schemas), then runs nodes in
 * spec order, reusing any node whose fingerprint the cache already holds. A node
 * that throws fails the run with its id; what finished before it stays cached.
 */
export async function runSpec(spec: PipelineSpec, options: RunOptions): Promise<RunResult> {
  const catalog = options.catalog ?? defaultCatalog;
  const cache = options.cache ?? new MemoryArtifactCache();
  const signal = options.signal ?? new AbortController().signal;
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const datasets = new MemoizedDatasets(options.datasets);
  const artifacts: RunResult["artifacts"] = {};
  const steps: StepRecord[] = [];

  const { schemas: datasetSchemas, failures } = await readDatasetSchemas(spec, datasets, { catalog, signal });
  const firstFailure = failures[0];
  if (firstFailure !== undefined) {
    emit({ type: "node-failed", nodeId: firstFailure.nodeId, error: firstFailure.message });
    return { status: "failed", artifacts, steps, error: firstFailure };
  }
  const checked = checkSpec(spec, catalog, { datasetSchemas });
  if (!checked.ok) {
    const first = checked.diagnostics[0];
    return {
      status: "failed",
      artifacts,
      steps,
      error: {
        ...(first?.nodeId === undefined ? {} : { nodeId: first.nodeId }),
        message: `The spec does not compile: ${checked.diagnostics.map((d) => d.message).join("; ")}`,
        diagnostics: checked.diagnostics,
      },
    };
  }

  const release = options.keepArtifacts === false ? releasePlan(checked.spec.nodes, catalog) : undefined;
  const fingerprints = new Map<string, string>();
  for (const node of checked.spec.nodes) {
    if (signal.aborted) return { status: "cancelled", artifacts, steps };
    const definition = catalog.get(node.kind)!;
    const started = performance.now();
    let pendingEvents: RunEvent[] = [];
    try {
      const inputs: Record<string, FingerprintInput> = {};
      const inputValues: Record<string, PortValue> = {};
      const inputArtifacts: Record<string, InputArtifactRef> = {};
      for (const [port, source] of Object.entries(node.inputs)) {
        const upstream = artifacts[source.node]?.[source.output];
        if (upstream === undefined) throw new Error(`Input "${port}" has no value: ${source.node}.${source.output} did not produce one`);
        const upstreamFingerprint = fingerprints.get(source.node)!;
        inputs[port] = { fingerprint: upstreamFingerprint, output: source.output, dataHash: upstream.hash };
        inputValues[port] = upstream.value;
        inputArtifacts[port] = { fingerprint: upstreamFingerprint, output: source.output, hash: upstream.hash };
      }
      const externalData: Record<string, string> = {};
      for (const reference of definition.datasetReferences?.(node.params) ?? []) {
        externalData[reference] = (await datasets.resolve(reference, signal)).contentHash;
      }
      const execute = async (report: RunEventListener): Promise<Record<string, Artifact>> => {
        const context: RunContext<unknown> = {
          nodeId: node.id,
          params: node.params,
          inputs: inputValues,
          inputArtifacts,
          datasets,
          signal,
          ...(options.expressionSandbox === undefined ? {} : { expressionSandbox: options.expressionSandbox }),
          ...(options.tunerTrialRunner === undefined ? {} : { tunerTrialRunner: options.tunerTrialRunner }),
          ...(options.modelRegistry === undefined ? {} : { modelRegistry: options.modelRegistry }),
          ...(options.labelingQueue === undefined ? {} : { labelingQueue: options.labelingQueue }),
          ...(options.sqlSource === undefined ? {} : { sqlSource: options.sqlSource }),
          reportEpoch: (epoch) => report({ type: "epoch", nodeId: node.id, ...epoch, metrics: epoch.metrics ?? {} }),
          reportMetric: (name, value) => report({ type: "metric", nodeId: node.id, name, value }),
          log: (message, level = "info") => report({ type: "log", nodeId: node.id, level, message }),
        };
        const values = await definition.run(context);
        const produced: Record<string, Artifact> = {};
        for (const port of definition.outputs) {
          const value = values[port.name];
          if (value === undefined) throw new Error(`${definition.title} produced no value for output "${port.name}"`);
          produced[port.name] = { type: port.type, hash: hashArtifactValue(value), value };
        }
        return produced;
      };

      let fingerprint: string;
      let hit: CachedStep | undefined;
      let outputs: Record<string, Artifact>;
      if (definition.liveData !== undefined) {
        // What it read is part of its identity, so it runs before it has a fingerprint; what it reports meanwhile
        // follows its node-started event.
        const reported: RunEvent[] = [];
        pendingEvents = reported;
        outputs = await execute((event) => reported.push(event));
        externalData["live:result"] = Object.values(outputs)
          .map((artifact) => artifact.hash)
          .join(",");
        fingerprint = nodeFingerprint({ kind: node.kind, version: node.version, params: node.params, inputs, externalData });
        fingerprints.set(node.id, fingerprint);
        emit({ type: "node-started", nodeId: node.id, kind: node.kind, fingerprint });
        pendingEvents = [];
        reported.forEach(emit);
        await cache.put({ fingerprint, outputs });
      } else {
        fingerprint = nodeFingerprint({ kind: node.kind, version: node.version, params: node.params, inputs, externalData });
        fingerprints.set(node.id, fingerprint);
        emit({ type: "node-started", nodeId: node.id, kind: node.kind, fingerprint });

        // A node with a side effect (registering a model) must happen on every run, so it is never a cache hit.
        hit = definition.sideEffect === undefined ? await cache.get(fingerprint) : undefined;
        if (hit !== undefined) {
          outputs = hit.outputs;
          // A cached evaluation still shows its numbers: they live in its Metrics outputs.
          for (const artifact of Object.values(outputs)) {
            if (artifact.type !== "Metrics") continue;
            for (const [name, value] of Object.entries((artifact.value as MetricsValue).values)) {
              emit({ type: "metric", nodeId: node.id, name, value });
            }
          }
        } else {
          outputs = await execute(emit);
          if (definition.sideEffect === undefined) await cache.put({ fingerprint, outputs });
        }
      }
      const durationMs = performance.now() - started;
      artifacts[node.id] = outputs;
      steps.push({
        nodeId: node.id,
        kind: node.kind,
        fingerprint,
        cached: hit !== undefined,
        durationMs,
        outputs: Object.fromEntries(Object.entries(outputs).map(([port, a]) => [port, { type: a.type, hash: a.hash }])),
      });
      emit({ type: "node-finished", nodeId: node.id, cached: hit !== undefined, durationMs, fingerprint });
      if (release !== undefined) {
        for (const [source, output] of release.inputs.get(node.id) ?? []) {
          const left = release.readers.get(`${source}\0${output}`)! - 1;
          release.readers.set(`${source}\0${output}`, left);
          if (left === 0 && artifacts[source] !== undefined) delete artifacts[source][output];
        }
        for (const reference of release.datasets.get(node.id) ?? []) {
          const left = release.datasetReaders.get(reference)! - 1;
          release.datasetReaders.set(reference, left);
          if (left === 0) datasets.forget(reference);
        }
      }
    } catch (error) {
      if (signal.aborted) return { status: "cancelled", artifacts, steps };
      // A live source that failed still shows what it logged before the failure.
      pendingEvents.forEach(emit);
      const message = error instanceof Error ? error.message : String(error);
      emit({ type: "node-failed", nodeId: node.id, error: message });
      return { status: "failed", artifacts, steps, error: { nodeId: node.id, message } };
    }
  }
  return { status: "succeeded", artifacts, steps };
}

/** For `keepArtifacts: false`: which outputs and datasets each node reads, and how many nodes read each. */
interface ReleasePlan {
  /** Node id → the [node, output] pairs its inputs read (a pair once even when two ports read it). */
  inputs: Map<string, [string, string][]>;
  /** `node\0output` → how many nodes read it and have not finished yet. */
  readers: Map<string, number>;
  /** Node id → the dataset references it names. */
  datasets: Map<string, string[]>;
  /** Dataset reference → how many nodes name it and have not finished yet. */
  datasetReaders: Map<string, number>;
}

function releasePlan(nodes: PipelineSpec["nodes"], catalog: NodeCatalog): ReleasePlan {
  const plan: ReleasePlan = { inputs: new Map(), readers: new Map(), datasets: new Map(), datasetReaders: new Map() };
  for (const node of nodes) {
    const read = new Map<string, [string, string]>();
    for (const source of Object.values(node.inputs)) read.set(`${source.node}\0${source.output}`, [source.node, source.output]);
    plan.inputs.set(node.id, [...read.values()]);
    for (const key of read.keys()) plan.readers.set(key, (plan.readers.get(key) ?? 0) + 1);
    const references = [...new Set(catalog.get(node.kind)!.datasetReferences?.(node.params) ?? [])];
    plan.datasets.set(node.id, references);
    for (const reference of references) plan.datasetReaders.set(reference, (plan.datasetReaders.get(reference) ?? 0) + 1);
  }
  return plan;
}
