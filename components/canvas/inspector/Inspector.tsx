"use client";

import { useMemo } from "react";
import { catalogByKind } from "../catalog";
import { useEditor } from "../EditorContext";
import type { PipelineFlowNode } from "../flowGraph";
import { ParamInput, type ParamSuggestion } from "./ParamInput";
import { fieldsFromSchema } from "./paramFields";

/** Free-text params that name a dataset get the project's datasets as suggestions, by name. */
const DATASET_PARAM = "dataset";
/** …and those that name a database connection (the SQL query node's) the project's connections. */
const CONNECTION_PARAM = "connection";

interface Props {
  datasets: ParamSuggestion[];
  connections: ParamSuggestion[];
  node: PipelineFlowNode | undefined;
  selectionCount: number;
  onParamChange(nodeId: string, key: string, value: unknown): void;
  onLabelChange(nodeId: string, label: string): void;
  /** Absent for viewers. */
  onRunToHere?(nodeId: string): void;
}

/** The selected node's params as a form generated from its schema, with live diagnostics per field. */
export function Inspector({ node, selectionCount, onParamChange, onLabelChange, onRunToHere, datasets, connections }: Props) {
  const { compiled, readOnly } = useEditor();
  const summary = node ? catalogByKind.get(node.data.kind) : undefined;
  const fields = useMemo(() => (summary ? fieldsFromSchema(summary.paramsJsonSchema) : []), [summary]);

  if (!node || !summary) {
    return (
      <aside className="w-72 shrink-0 border-l border-slate-200 bg-white p-4 text-sm text-slate-500" aria-label="Inspector">
        {selectionCount > 1 ? `${selectionCount} nodes selected.` : "Select a node to edit its settings."}
        {compiled.general.map((d, i) => (
          <p key={i} className="mt-2 text-rose-600">
            {d.message}
          </p>
        ))}
      </aside>
    );
  }
  const diagnostics = compiled.byNode.get(node.id) ?? [];
  const belongsTo = (param: string | undefined, key: string) => param === key || param?.startsWith(`${key}.`) === true;
  const nodeLevel = diagnostics.filter((d) => !fields.some((f) => belongsTo(d.param, f.key)));
  const paramOrDefault = (key: string) => String(node.data.params[key] ?? fields.find((f) => f.key === key)?.defaultValue ?? "");

  return (
    <aside className="flex w-72 shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white" aria-label="Inspector">
      <div className="border-b border-slate-100 p-3">
        <h2 className="font-semibold">{summary.title}</h2>
        <p className="text-xs text-slate-500">{summary.description}</p>
        <label className="mt-2 flex flex-col gap-1 text-xs font-medium text-slate-700">
          Name
          <input
            className="rounded-md border border-slate-300 px-2 py-1 text-sm font-normal disabled:bg-slate-50"
            value={node.data.label ?? ""}
            placeholder={summary.title}
            maxLength={80}
            disabled={readOnly}
            onChange={(e) => onLabelChange(node.id, e.target.value)}
          />
        </label>
        <div className="mt-1 flex items-center justify-between">
          <p className="font-mono text-[10px] text-slate-400">{node.id}</p>
          {onRunToHere && (
            <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => onRunToHere(node.id)}>
              ▶ Run to here
            </button>
          )}
        </div>
      </div>
      {nodeLevel.length > 0 && (
        <ul className="border-b border-rose-100 bg-rose-50 p-3 text-xs text-rose-700" aria-label="Node problems">
          {nodeLevel.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      <form className="flex flex-col gap-3 p-3" onSubmit={(e) => e.preventDefault()} aria-label={`${summary.title} settings`}>
        {fields.length === 0 && <p className="text-xs text-slate-500">This node has no settings.</p>}
        {fields.map((field) => {
          const id = `param-${node.id}-${field.key}`;
          const fieldDiagnostics = diagnostics.filter((d) => belongsTo(d.param, field.key));
          return (
            <div key={field.key} className="flex flex-col gap-1" data-testid={`field-${field.key}`}>
              <label htmlFor={id} className="text-xs font-medium text-slate-700">
                {field.label}
                {field.required && <span className="text-rose-500"> *</span>}
              </label>
              <ParamInput
                id={id}
                field={field}
                value={node.data.params[field.key]}
                columns={compiled.columnsInto(node.id, "port" in field ? field.port : undefined)}
                disabled={readOnly}
                {...(field.key === DATASET_PARAM ? { suggestions: datasets } : {})}
                {...(field.key === CONNECTION_PARAM ? { suggestions: connections } : {})}
                {...(field.kind === "searchSpace" ? { modelKind: paramOrDefault(field.modelParam) } : {})}
                onChange={(value) => onParamChange(node.id, field.key, value)}
              />
              {field.description && <p className="text-[11px] text-slate-500">{field.description}</p>}
              {fieldDiagnostics.map((d, i) => (
                <p key={i} className="text-[11px] text-rose-600" role="alert">
                  {d.message}
                </p>
              ))}
            </div>
          );
        })}
      </form>
    </aside>
  );
}
