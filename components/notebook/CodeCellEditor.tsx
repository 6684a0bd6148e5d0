"use client";

import { completionStatus, ifNotIn } from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import { markdown } from "@codemirror/lang-markdown";
import { Annotation, Compartment, EditorState, Prec, type Extension } from "@codemirror/state";
import { keymap, placeholder } from "@codemirror/view";
import { basicSetup, EditorView } from "codemirror";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import type { CellKind } from "@/contracts/notebookCells";
import { notebookCompletions } from "./notebookCompletions";

export interface CodeCellEditorHandle {
  focus(): void;
}

export interface CodeCellEditorProps {
  value: string;
  kind: CellKind;
  readOnly: boolean;
  /** The accessible name of the editable area (tests and screen readers find the cell by it). */
  label: string;
  placeholder: string;
  onChange(value: string): void;
  onFocus(): void;
  /** Shift+Enter: run this cell and move on. */
  onRunAndAdvance(): void;
  /** Ctrl/Cmd+Enter: run this cell and stay. */
  onRun(): void;
  /** Esc: back to command mode. */
  onEscape(): void;
}

/** Marks changes that came from the props (another tab, a reload), so they are not echoed back as edits. */
const fromProps = Annotation.define<boolean>();

/** Syntax nodes (of the JavaScript grammar) where a name is prose, not code: no completion there. */
const NOT_CODE = ["LineComment", "BlockComment", "String", "TemplateString"];

// Created once: the completion plugin knows a source by identity, and drops results from one it no longer finds.
const notebookSource = ifNotIn(NOT_CODE, notebookCompletions);
const notebookLanguageData = EditorState.languageData.of(() => [{ autocomplete: notebookSource }]);

function languageFor(kind: CellKind): Extension {
  if (kind === "markdown") return markdown();
  return [javascript({ typescript: kind === "typescript" }), notebookLanguageData];
}

function accessFor(readOnly: boolean, label: string): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly), EditorView.contentAttributes.of({ "aria-label": label })];
}

const theme = EditorView.theme({
  "&": { fontSize: "12px", backgroundColor: "rgb(248 250 252)", borderRadius: "0.25rem" },
  "&.cm-focused": { outline: "none" },
  ".cm-content": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", padding: "6px 0" },
  ".cm-gutters": { backgroundColor: "transparent", border: "none", color: "rgb(148 163 184)" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" },
});

/**
 * A notebook cell's source in CodeMirror 6: highlighting, bracket matching, search, undo and
 * completion (the notebook's `vajra.` and `display.` members as well as JavaScript's own).
 * The notebook's keys take precedence over the editor's, except while a completion list is
 * open (Escape closes it first, as in Jupyter).
 */
export const CodeCellEditor = forwardRef<CodeCellEditorHandle, CodeCellEditorProps>(function CodeCellEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The editor is created once; its handlers read the latest props through this.
  const latest = useRef(props);
  latest.current = props;
  const language = useRef(new Compartment());
  const access = useRef(new Compartment());

  useImperativeHandle(ref, () => ({ focus: () => view.current?.focus() }), []);

  useEffect(() => {
    const { value, kind, readOnly, label } = latest.current;
    const notebookKeys = Prec.highest(
      keymap.of([
        { key: "Shift-Enter", run: () => (latest.current.onRunAndAdvance(), true) },
        { key: "Mod-Enter", run: () => (latest.current.onRun(), true) },
        { key: "Escape", run: (v) => completionStatus(v.state) === null && (latest.current.onEscape(), true) },
      ]),
    );
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          notebookKeys,
          basicSetup,
          theme,
          EditorView.lineWrapping,
          placeholder(latest.current.placeholder),
          language.current.of(languageFor(kind)),
          access.current.of(accessFor(readOnly, label)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromProps))) latest.current.onChange(update.state.doc.toString());
            if (update.focusChanged && update.view.hasFocus) latest.current.onFocus();
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === props.value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: props.value }, annotations: fromProps.of(true) });
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageFor(props.kind)) });
  }, [props.kind]);

  useEffect(() => {
    view.current?.dispatch({ effects: access.current.reconfigure(accessFor(props.readOnly, props.label)) });
  }, [props.readOnly, props.label]);

  // Keys typed here belong to the editor, never to the notebook's command mode around it.
  return <div ref={host} className="mb-2 min-w-0 flex-1" onKeyDown={(e) => e.stopPropagation()} />;
});
