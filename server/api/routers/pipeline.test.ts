import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../../testing/testDatabase";

useFreshDatabase();
const { signedUpCaller } = await import("../../testing/callers");
const { DEMO_PIPELINE_GRAPH } = await import("../../projects/demoPipeline");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let alice: Caller;
let bob: Caller;
let projectId: string;

beforeAll(async () => {
  alice = (await signedUpCaller("alice@example.com")).caller;
  bob = (await signedUpCaller("bob@example.com")).caller;
  projectId = (await alice.project.create({ name: "Pipelines" })).id;
  const link = await alice.shareLink.create({ projectId, role: "editor" });
  await bob.shareLink.accept({ token: link.token });
});

const graphWith = (x: number) => ({
  nodes: [{ id: "load", kind: "load", params: { dataset: "sample:iris" }, position: { x, y: 12.5 } }],
  edges: [],
});

describe("pipeline versions", () => {
  it("gives every new account a demo pipeline whose saved version compiles", async () => {
    const [demo] = await alice.project.list().then((ps) => ps.filter((p) => p.name.startsWith("Demo")));
    const [pipeline] = await alice.pipeline.list({ projectId: demo!.id });
    const opened = await alice.pipeline.open({ projectId: demo!.id, pipelineId: pipeline!.id });
    expect(opened.latestVersion?.graph).toEqual(DEMO_PIPELINE_GRAPH);
    const version = await alice.pipeline.version({ projectId: demo!.id, versionId: opened.latestVersion!.id });
    expect(version.spec).toMatchObject({ specVersion: 1, nodes: [{ id: "load" }, { id: "split" }, { id: "model" }, { id: "evaluate" }] });
  });

  it("reproduces exactly the graph that was saved", async () => {
    const { id: pipelineId } = await alice.pipeline.create({ projectId, name: "Exact" });
    const graph = {
      nodes: [
        ...DEMO_PIPELINE_GRAPH.nodes.map((n, i) => ({ ...n, position: { x: n.position.x + 0.25 * i, y: -17.75 } })),
      ],
      edges: DEMO_PIPELINE_GRAPH.edges,
    };
    const saved = await alice.pipeline.saveVersion({ projectId, pipelineId, graph, message: "first", baseVersionId: null });
    expect(saved).toMatchObject({ number: 1, compiled: true });
    const opened = await alice.pipeline.open({ projectId, pipelineId });
    expect(opened.latestVersion!.graph).toEqual(graph);
  });

  it("refuses an autosave over a draft changed elsewhere since the editor loaded it, unless told to overwrite", async () => {
    const { id: pipelineId } = await alice.pipeline.create({ projectId, name: "Two tabs" });
    // Tab A and tab B both open the pipeline with no draft yet.
    const first = await alice.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(1), baseVersionId: null, expectedUpdatedAt: null });
    await expect(alice.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(2), baseVersionId: null, expectedUpdatedAt: null })).rejects.toThrow(
      /changed elsewhere/,
    );
    // Tab A goes on from what it wrote; tab B, which loaded nothing, is refused again and A's work stays.
    const second = await alice.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(3), baseVersionId: null, expectedUpdatedAt: first.updatedAt });
    await expect(alice.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(4), baseVersionId: null, expectedUpdatedAt: first.updatedAt })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const opened = await alice.pipeline.open({ projectId, pipelineId });
    expect(opened.draft?.graph).toEqual(graphWith(3));
    expect(opened.draft?.updatedAt).toEqual(second.updatedAt);
    // "Keep mine": a write without an expectation always wins.
    await alice.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(4), baseVersionId: null });
    expect((await alice.pipeline.open({ projectId, pipelineId })).draft?.graph).toEqual(graphWith(4));
  });

  it("keeps each editor's draft separate and refuses a save on a stale base", async () => {
    const { id: pipelineId } = await alice.pipeline.create({ projectId, name: "Contended" });
    const v1 = await alice.pipeline.saveVersion({ projectId, pipelineId, graph: graphWith(0), message: "v1", baseVersionId: null });

    await alice.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(100), baseVersionId: v1.id });
    await bob.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(200), baseVersionId: v1.id });
    expect((await alice.pipeline.open({ projectId, pipelineId })).draft?.graph).toEqual(graphWith(100));
    expect((await bob.pipeline.open({ projectId, pipelineId })).draft?.graph).toEqual(graphWith(200));

    await alice.pipeline.saveVersion({ projectId, pipelineId, graph: graphWith(100), message: "alice's", baseVersionId: v1.id });
    await expect(
      bob.pipeline.saveVersion({ projectId, pipelineId, graph: graphWith(200), message: "bob's", baseVersionId: v1.id }),
    ).rejects.toThrow(/saved version 2 \("alice's"\) while you were editing/);
    expect((await bob.pipeline.open({ projectId, pipelineId })).draft?.graph).toEqual(graphWith(200));

    const onTop = await bob.pipeline.saveVersion({
      projectId,
      pipelineId,
      graph: graphWith(200),
      message: "bob's",
      baseVersionId: v1.id,
      onTopOfLatest: true,
    });
    expect(onTop.number).toBe(3);
    const versions = await alice.pipeline.versions({ projectId, pipelineId });
    expect(versions.map((v) => [v.number, v.message])).toEqual([
      [3, "bob's"],
      [2, "alice's"],
      [1, "v1"],
    ]);
    expect(versions[0]!.parentId).toBe(versions[1]!.id);
    expect((await bob.pipeline.open({ projectId, pipelineId })).draft).toBeNull();
  });

  it("saves a graph with compile errors without a spec, and rejects malformed graphs", async () => {
    const { id: pipelineId } = await alice.pipeline.create({ projectId, name: "Broken" });
    const cyclic = {
      nodes: [
        { id: "a", kind: "split", params: {}, position: { x: 0, y: 0 } },
        { id: "b", kind: "split", params: {}, position: { x: 1, y: 0 } },
      ],
      edges: [
        { source: "a", sourceHandle: "split", target: "b", targetHandle: "table" },
        { source: "b", sourceHandle: "split", target: "a", targetHandle: "table" },
      ],
    };
    const saved = await alice.pipeline.saveVersion({ projectId, pipelineId, graph: cyclic, message: "wip", baseVersionId: null });
    expect(saved.compiled).toBe(false);
    expect(saved.diagnostics.map((d) => d.code)).toContain("cycle");
    await expect(
      alice.pipeline.saveDraft({
        projectId,
        pipelineId,
        graph: { nodes: [{ id: "x", kind: "load", params: {}, position: { x: Number.NaN, y: 0 } }], edges: [] } as never,
        baseVersionId: null,
      }),
    ).rejects.toThrow();
  });

  it("does not let one project's member read another project's pipeline", async () => {
    const { id: otherProject } = await bob.project.create({ name: "Bob's own" });
    const { id: pipelineId } = await bob.pipeline.create({ projectId: otherProject, name: "Private" });
    await expect(alice.pipeline.open({ projectId, pipelineId })).rejects.toThrow(/not found/i);
  });
});
