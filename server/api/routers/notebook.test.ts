import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../../testing/testDatabase";

await useFreshDatabase();
const { signedUpCaller } = await import("../../testing/callers");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let alice: Caller;
let bob: Caller;
let projectId: string;

beforeAll(async () => {
  alice = (await signedUpCaller("alice@example.com")).caller;
  bob = (await signedUpCaller("bob@example.com")).caller;
  projectId = (await alice.project.create({ name: "Notebooks" })).id;
  const link = await alice.shareLink.create({ projectId, role: "editor" });
  await bob.shareLink.accept({ token: link.token });
});

const code = (id: string, source: string) => ({ id, kind: "javascript" as const, source, outputs: [], executionCount: null });

describe("notebook autosave", () => {
  it("merges two editors' concurrent cell edits by cell id", async () => {
    const { id: notebookId } = await alice.notebook.create({ projectId, name: "Explore" });
    const [first] = (await alice.notebook.get({ projectId, notebookId })).cells;
    const a = first!.id;

    // Both opened [a]. Alice adds x after a; Bob, not having seen it, edits a and adds y.
    await alice.notebook.save({ projectId, notebookId, order: [a, "x"], cells: [code("x", "alice")], deleted: [] });
    const saved = await bob.notebook.save({
      projectId,
      notebookId,
      order: [a, "y"],
      cells: [code(a, "bob edits a"), code("y", "bob")],
      deleted: [],
    });
    expect(saved.cells.map((c) => [c.id, c.source])).toEqual([
      [a, "bob edits a"],
      ["x", "alice"],
      ["y", "bob"],
    ]);

    // Alice deletes x and saves text outputs on y without knowing Bob's later order.
    await alice.notebook.save({
      projectId,
      notebookId,
      order: [a],
      cells: [{ ...code("y", "bob"), outputs: [{ type: "text", text: "hi" }], executionCount: 1 }],
      deleted: ["x"],
    });
    const reopened = await bob.notebook.get({ projectId, notebookId });
    expect(reopened.cells.map((c) => c.id)).toEqual([a, "y"]);
    expect(reopened.cells[1]!.outputs).toEqual([{ type: "text", text: "hi" }]);
  });

  it("refuses outputs that are not of a known shape", async () => {
    const { id: notebookId } = await alice.notebook.create({ projectId, name: "Bad" });
    await expect(
      alice.notebook.save({
        projectId,
        notebookId,
        order: null,
        cells: [{ ...code("z", ""), outputs: [{ type: "script", src: "x" } as never] }],
        deleted: [],
      }),
    ).rejects.toThrow();
  });
});
