import { beforeAll, describe, expect, it } from "vitest";
import type { StoredGraph } from "@/contracts/storedGraph";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { irisGraph, saveGraph } = await import("../testing/runFixtures");
const { testWorker, drainQueue } = await import("../testing/testWorker");
const { defaultBlobStore } = await import("../artifacts/defaultStore");
const { servedCopyOf, switchServedVersion } = await import("../deployments/switchVersion");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let alice: Caller;
let projectId: string;
let pipelineId: string;
const worker = await testWorker("deploy-node-worker");

/** The iris pipeline with a Deploy node fed by its model and its test metrics. */
function deployGraph(deploy: Record<string, unknown>, model?: StoredGraph["nodes"][number]["params"]): StoredGraph {
  const graph = irisGraph(model === undefined ? {} : { model: { kind: "gradient-boosting", params: model } });
  graph.nodes.push({ id: "deploy", kind: "deploy", params: { modelName: "iris", ...deploy }, position: { x: 1000, y: 0 } });
  graph.edges.push(
    { id: "d1", source: "model", sourceHandle: "model", target: "deploy", targetHandle: "model" },
    { id: "d2", source: "evaluate", sourceHandle: "metrics", target: "deploy", targetHandle: "metrics" },
  );
  return graph;
}

/** Saves `graph` as the pipeline's next version, runs it on the in-process worker and returns the Deploy step. */
async function runDeploy(graph: StoredGraph) {
  await saveGraph(alice, projectId, graph, pipelineId);
  const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
  await drainQueue(worker);
  const run = await alice.run.get({ projectId, runId });
  const deploy = run.steps.find((s) => s.nodeId === "deploy")!;
  const accuracy = run.steps.find((s) => s.nodeId === "evaluate")!.metrics["accuracy"]!;
  return { run, deploy, accuracy };
}

async function registry() {
  const model = await db.registeredModel.findUniqueOrThrow({
    where: { projectId_name: { projectId, name: "iris" } },
    include: { versions: { orderBy: { number: "asc" } }, aliases: { include: { version: true } }, aliasMoves: { orderBy: { createdAt: "asc" } } },
  });
  return {
    versions: model.versions.map((v) => ({
      number: v.number,
      metrics: JSON.parse(v.metrics) as Record<string, number>,
      by: [v.createdById, v.createdByLabel],
    })),
    champion: model.aliases.find((a) => a.name === "champion")?.version.number,
    moves: model.aliasMoves.map((m) => ({ alias: m.alias, actorId: m.actorId, actorLabel: m.actorLabel })),
  };
}

beforeAll(async () => {
  alice = (await signedUpCaller("deploy-node@example.com")).caller;
  projectId = (await alice.project.create({ name: "Deploy node" })).id;
  pipelineId = (await alice.pipeline.create({ projectId, name: "Nightly iris" })).id;
});

describe("the Deploy node on a server worker", () => {
  let championAccuracy: number;
  let worseAccuracy: number;

  it("registers v1 of a new model with this run's test metrics and makes it champion", async () => {
    const { run, deploy, accuracy } = await runDeploy(deployGraph({}));
    expect(run.status).toBe("succeeded");
    expect(deploy).toMatchObject({ status: "succeeded", cacheHit: false, metrics: { version: 1 } });
    expect(deploy.logs).toBe("info: registered iris v1; champion → v1 (no version held champion yet)");
    const state = await registry();
    expect(state.champion).toBe(1);
    expect(state.versions).toEqual([{ number: 1, metrics: expect.objectContaining({ accuracy }), by: [null, `run ${run.id.slice(-8)} of "Nightly iris"`] }]);
    expect(state.moves).toEqual([{ alias: "champion", actorId: null, actorLabel: `run ${run.id.slice(-8)} of "Nightly iris"` }]);
    championAccuracy = accuracy;
  });

  it("re-runs from the cache without numbering a new version, and says so", async () => {
    const { run, deploy } = await runDeploy(deployGraph({}));
    expect(run.steps.map((s) => [s.nodeId, s.cacheHit])).toEqual([
      ["load", true],
      ["split", true],
      ["model", true],
      ["evaluate", true],
      ["deploy", false],
    ]);
    expect(deploy.logs).toBe("info: iris v1 already holds this model; champion stays v1");
    expect((await registry()).versions.map((v) => v.number)).toEqual([1]);
  });

  it("registers a worse model as v2 but keeps champion on v1, with both scores", async () => {
    const { run, deploy, accuracy } = await runDeploy(deployGraph({}, { target: "species", features: ["sepal_width_cm"], maxIterations: 2 }));
    expect(run.status).toBe("succeeded");
    expect(accuracy).toBeLessThan(championAccuracy);
    worseAccuracy = accuracy;
    expect(deploy.logs).toBe(`info: registered iris v2; champion stays v1: accuracy ${accuracy.toFixed(3)} < ${championAccuracy.toFixed(3)}`);
    const state = await registry();
    expect(state.versions.map((v) => [v.number, v.metrics["accuracy"]])).toEqual([
      [1, championAccuracy],
      [2, accuracy],
    ]);
    expect(state.champion).toBe(1);
    expect(state.moves).toHaveLength(1);
  });

  it("moves champion to the same worse model under the rule always", async () => {
    const { deploy } = await runDeploy(deployGraph({ rule: "always" }, { target: "species", features: ["sepal_width_cm"], maxIterations: 2 }));
    expect(deploy.logs).toBe("info: iris v2 already holds this model; champion → v2 (was v1; rule: always)");
    const state = await registry();
    expect(state.champion).toBe(2);
    expect(state.versions).toHaveLength(2);
    expect(state.moves.map((m) => m.alias)).toEqual(["champion", "champion"]);
  });

  it("moves champion back to the better model under the metric rule, comparing with v2's recorded score", async () => {
    const { deploy } = await runDeploy(deployGraph({}));
    expect(deploy.logs).toBe(
      `info: iris v1 already holds this model; champion → v1 (accuracy ${championAccuracy.toFixed(3)} ≥ ${worseAccuracy.toFixed(3)} of v2)`,
    );
    expect((await registry()).champion).toBe(1);
  });

  it("fails without moving the alias when an endpoint following it would get a model that reads other inputs", async () => {
    // An endpoint serving iris@champion (v1, four features); v2 reads one feature only.
    const model = await db.registeredModel.findUniqueOrThrow({ where: { projectId_name: { projectId, name: "iris" } }, include: { versions: true } });
    const v1 = model.versions.find((v) => v.number === 1)!;
    const endpoint = await db.deployment.create({
      data: { projectId, name: "Iris champion", slug: "iris-champion-deploy-node", registeredModelId: model.id, servedAlias: "champion" },
    });
    const copy = await servedCopyOf(db, defaultBlobStore(), endpoint, v1);
    await switchServedVersion(db, endpoint.id, copy.id);

    const { run, deploy } = await runDeploy(deployGraph({ rule: "always" }, { target: "species", features: ["sepal_width_cm"], maxIterations: 2 }));
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ nodeId: "deploy" });
    expect(deploy.error).toMatch(/^Registered iris v2, but champion stays v1: This model expects different inputs than the live one: "Iris champion" /);
    expect(deploy.error).toMatch(/A pipeline cannot confirm that: move champion to v2 in the model registry\.$/);
    expect((await registry()).champion).toBe(1);
    expect((await db.deployment.findUniqueOrThrow({ where: { id: endpoint.id } })).currentVersionId).toBe(copy.id);
  });

  it("refuses a browser run before it starts, saying the Deploy node needs the server", async () => {
    await expect(alice.run.start({ projectId, pipelineId, target: "browser" })).rejects.toThrow(
      "Deploy registers models on the server, so this pipeline cannot run in the browser: run it on a server worker (or choose Auto).",
    );
  });
});
