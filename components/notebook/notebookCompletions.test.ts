import { CompletionContext } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { createDisplay } from "@/workers/browser/notebookDisplay";
import { DISPLAY_MEMBERS, VAJRA_MEMBERS } from "@/workers/browser/notebookApiMembers";
import { createVajraApi } from "@/workers/browser/notebookVajra";
import { notebookCompletions } from "./notebookCompletions";

const complete = (doc: string, explicit = false) => notebookCompletions(new CompletionContext(EditorState.create({ doc }), doc.length, explicit));

describe("notebookCompletions", () => {
  it("offers the members of vajra and display after the dot, replacing what was typed", () => {
    const vajra = complete("const t = await vajra.da");
    expect(vajra?.options.map((o) => o.label)).toEqual(["dataset", "artifact"]);
    expect(vajra?.from).toBe("const t = await vajra.".length);
    expect(complete("display.")?.options.map((o) => o.label)).toEqual(["text", "html", "table", "plot"]);
  });

  it("offers the notebook's globals for a word, and nothing after another object's dot", () => {
    expect(complete("vaj")?.options.map((o) => o.label)).toEqual(["vajra", "display", "tf"]);
    expect(complete("iris.col")).toBeNull();
    expect(complete("")).toBeNull();
  });

  it("lists exactly the members the worker's objects have", () => {
    expect(Object.keys(createDisplay([])).sort()).toEqual(Object.keys(DISPLAY_MEMBERS).sort());
    expect(Object.keys(createVajraApi("p", fetch)).sort()).toEqual(Object.keys(VAJRA_MEMBERS).sort());
  });
});
