import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { DISPLAY_MEMBERS, VAJRA_MEMBERS, type ApiMember } from "@/workers/browser/notebookApiMembers";

const MEMBERS: Record<string, Record<string, ApiMember>> = { vajra: VAJRA_MEMBERS, display: DISPLAY_MEMBERS };

/** The globals every cell gets from the notebook's worker. */
const GLOBALS: Completion[] = [
  { label: "vajra", type: "variable", detail: "project data", info: "vajra.dataset(name), vajra.artifact(id)" },
  { label: "display", type: "variable", detail: "cell outputs", info: "display.text / html / table / plot" },
  { label: "tf", type: "namespace", detail: "TensorFlow.js" },
];

/** Accepting a method inserts its call with the cursor between the parentheses. */
function memberCompletion(name: string, member: ApiMember): Completion {
  return {
    label: name,
    type: "method",
    detail: member.signature,
    info: member.info,
    apply: (view, _completion, from, to) => view.dispatch({ changes: { from, to, insert: `${name}()` }, selection: { anchor: from + name.length + 1 } }),
  };
}

/**
 * Completion for the notebook's own API: members after `vajra.` and `display.`, and the
 * global names themselves. The members come from the same lists the worker's objects are
 * checked against, so what is offered is what exists.
 */
export function notebookCompletions(context: CompletionContext): CompletionResult | null {
  const member = context.matchBefore(/\b(vajra|display)\.\w*$/);
  if (member) {
    const dot = member.text.indexOf(".");
    const members = MEMBERS[member.text.slice(0, dot)] ?? {};
    return {
      from: member.from + dot + 1,
      options: Object.entries(members).map(([name, m]) => memberCompletion(name, m)),
      validFor: /^\w*$/,
    };
  }
  const word = context.matchBefore(/(?<![.\w])\w+$/);
  if (!word && !context.explicit) return null;
  return { from: word?.from ?? context.pos, options: GLOBALS, validFor: /^\w*$/ };
}
