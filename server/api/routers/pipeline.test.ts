import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { pipelineSpecSchema } from "@/pipeline/spec/spec";
import { useFreshDatabase } from "../../testing/testDatabase";

await useFreshDatabase();
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
      nodes: [...DEMO_PIPELINE_GRAPH.nodes.map((n, i) => ({ ...n, position: { x: n.position.x + 0.25 * i, y: -17.75 } }))],
      edges: DEMO_PIPELINE_GRAPH.edges,
    };
    const saved = await alice.pipeline.saveVersion({ projectId, pipelineId, graph, message: "first", baseVersionId: null });
    expect(saved).toMatchObject({ number: 1, compiled: true });
    const opened = await alice.pipeline.open({ projectId, pipelineId });
    expect(opened.latestVersion!.graph).toEqual(graph);
  });

  it("keeps the canvas's notes in drafts and versions, and never in the compiled spec", async () => {
    const { id: pipelineId } = await alice.pipeline.create({ projectId, name: "Annotated" });
    const graph = {
      ...DEMO_PIPELINE_GRAPH,
      notes: [
        { id: "note-1", text: "Split seed fixed for the report", position: { x: 10, y: -120 }, size: { width: 240, height: 140 }, color: "blue" as const },
      ],
    };
    await alice.pipeline.saveDraft({ projectId, pipelineId, graph, baseVersionId: null, expectedUpdatedAt: null });
    expect((await alice.pipeline.open({ projectId, pipelineId })).draft?.graph).toEqual(graph);
    const saved = await alice.pipeline.saveVersion({ projectId, pipelineId, graph, message: "with a note", baseVersionId: null });
    const version = await alice.pipeline.version({ projectId, versionId: saved.id });
    expect(version.graph.notes).toEqual(graph.notes);
    expect(JSON.stringify(version.spec)).not.toContain("note-1");
    expect(version.spec).toMatchObject({ nodes: DEMO_PIPELINE_GRAPH.nodes.map((n) => ({ id: n.id })) });
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
    await expect(
      alice.pipeline.saveDraft({ projectId, pipelineId, graph: graphWith(4), baseVersionId: null, expectedUpdatedAt: first.updatedAt }),
    ).rejects.toMatchObject({
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
    await expect(bob.pipeline.saveVersion({ projectId, pipelineId, graph: graphWith(200), message: "bob's", baseVersionId: v1.id })).rejects.toThrow(
      /saved version 2 \("alice's"\) while you were editing/,
    );
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

  it("imports a spec file as a new pipeline: same nodes and params, laid out left to right, saved as v1", async () => {
    const file = JSON.parse(readFileSync("examples/credit_data_tuned.json", "utf8")) as {
      nodes: { id: string; kind: string; params: Record<string, unknown>; inputs: Record<string, { node: string }> }[];
    };
    const imported = await alice.pipeline.import({ projectId, name: "Credit tuned", fileName: "credit_data_tuned.json", document: file });
    expect(imported).toMatchObject({ name: "Credit tuned", nodes: 4, compiled: true });
    const opened = await alice.pipeline.open({ projectId, pipelineId: imported.id });
    expect(opened.latestVersion).toMatchObject({ number: 1, message: "Imported from credit_data_tuned.json" });
    const spec = pipelineSpecSchema.parse((await alice.pipeline.version({ projectId, versionId: opened.latestVersion!.id })).spec);
    expect(spec.nodes.map((n) => [n.id, n.kind, n.inputs])).toEqual(file.nodes.map((n) => [n.id, n.kind, n.inputs]));
    for (const node of file.nodes) expect(spec.nodes.find((n) => n.id === node.id)!.params).toMatchObject(node.params);
    const x = new Map(opened.latestVersion!.graph.nodes.map((n) => [n.id, n.position.x]));
    for (const edge of opened.latestVersion!.graph.edges) expect(x.get(edge.source)!).toBeLessThan(x.get(edge.target)!);
  });

  it("opens every example spec in examples/ as a pipeline that compiles", async () => {
    const examples = readdirSync("examples").filter((name) => name.endsWith(".json"));
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const fileName of examples) {
      const imported = await alice.pipeline.import({ projectId, name: fileName, fileName, document: JSON.parse(readFileSync(`examples/${fileName}`, "utf8")) });
      expect({ fileName, compiled: imported.compiled }).toEqual({ fileName, compiled: true });
    }
  });

  it("imports a canvas graph with its positions, and keeps a spec that does not compile as a version without a spec", async () => {
    const graph = await alice.pipeline.import({ projectId, name: "From graph", fileName: "graph.json", document: graphWith(321) });
    expect((await alice.pipeline.open({ projectId, pipelineId: graph.id })).latestVersion!.graph).toEqual(graphWith(321));

    const wrongParam = { specVersion: 1, nodes: [{ id: "split", kind: "split", version: 1, params: { train: "most" }, inputs: {} }] };
    const kept = await alice.pipeline.import({ projectId, name: "Needs fixing", fileName: "wrong.json", document: wrongParam });
    expect(kept.compiled).toBe(false);
    expect(kept.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: "split", param: "train" }),
        expect.objectContaining({ nodeId: "split", code: "missing-input" }),
      ]),
    );
  });

  it("refuses a file that is not a pipeline with the reasons, and stores nothing", async () => {
    const before = (await alice.pipeline.list({ projectId })).length;
    await expect(alice.pipeline.import({ projectId, name: "Junk", fileName: "junk.json", document: { hello: "world" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "junk.json: Not a Vajra pipeline spec: specVersion must be a positive integer",
    });
    await expect(alice.pipeline.import({ projectId, name: "Junk", fileName: "list.json", document: [1, 2] })).rejects.toThrow(
      /list.json: Not a Vajra pipeline spec: A spec must be a JSON object/,
    );
    await expect(
      alice.pipeline.import({ projectId, name: "Junk", fileName: "nodes.json", document: { specVersion: 1, nodes: [{ id: "" }, { kind: 3 }, {}, {}] } }),
    ).rejects.toThrow(/nodes.json: Not a Vajra pipeline spec: nodes\.0\..*; and \d+ more/);
    await expect(alice.pipeline.import({ projectId, name: "Junk", fileName: "g.json", document: { nodes: [{ id: "a" }], edges: [] } })).rejects.toThrow(
      /g.json: Not a Vajra pipeline graph: nodes\.0\.kind/,
    );
    const newer = { specVersion: 1, nodes: [{ id: "load", kind: "load", version: 9, params: { dataset: "sample:iris" }, inputs: {} }] };
    await expect(alice.pipeline.import({ projectId, name: "Junk", fileName: "newer.json", document: newer })).rejects.toThrow(
      'newer.json: The spec needs other node versions: Node "load" was written for load v9; this build has v1',
    );
    const huge = { specVersion: 1, nodes: Array.from({ length: 2001 }, (_, i) => ({ id: `n${i}`, kind: "load", version: 1, params: {}, inputs: {} })) };
    await expect(alice.pipeline.import({ projectId, name: "Junk", fileName: "huge.json", document: huge })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "huge.json: The spec has 2001 nodes; a pipeline can have at most 2000.",
    });
    expect(await alice.pipeline.list({ projectId })).toHaveLength(before);
  });

  it("renames and deletes a pipeline, refusing while a server run of it is queued", async () => {
    const { id: pipelineId } = await alice.pipeline.import({
      projectId,
      name: "Doomed",
      fileName: "iris.json",
      document: JSON.parse(readFileSync("examples/iris.json", "utf8")),
    });
    await expect(bob.pipeline.rename({ projectId, pipelineId, name: "  Renamed  " })).resolves.toEqual({ id: pipelineId, name: "Renamed" });
    const { runId } = await alice.run.start({ projectId, pipelineId, target: "server" });
    await expect(bob.pipeline.delete({ projectId, pipelineId })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: '"Renamed" has a run in progress. Cancel it on the Runs page, then delete.',
    });
    expect((await alice.pipeline.list({ projectId })).map((p) => p.id)).toContain(pipelineId);

    await alice.run.cancel({ projectId, runId });
    await expect(bob.pipeline.delete({ projectId, pipelineId })).resolves.toEqual({ id: pipelineId });
    expect((await alice.pipeline.list({ projectId })).map((p) => p.id)).not.toContain(pipelineId);
    expect((await alice.run.list({ projectId })).map((r) => r.id)).not.toContain(runId);
    await expect(alice.pipeline.open({ projectId, pipelineId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
