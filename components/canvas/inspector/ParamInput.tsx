"use client";

import { useEffect, useState } from "react";
import type { ColumnSchema } from "@/pipeline/ml/table/table";
import type { ParamField } from "./paramFields";
import { SearchSpaceInput } from "./SearchSpaceInput";

/** An offered value and what the user reads for it. */
export interface ParamSuggestion {
  value: string;
  label: string;
}

export interface ParamInputProps {
  field: ParamField;
  value: unknown;
  /** `undefined` clears the param so its default applies. */
  onChange(value: unknown): void;
  columns: ColumnSchema[] | undefined;
  disabled: boolean;
  id: string;
  /** Values offered for a free-text field (e.g. the project's datasets, labelled "churn (v3, 4,000 rows)"); typing anything else stays possible. */
  suggestions?: ParamSuggestion[];
  /** For a search space field: the model kind whose hyperparameters it ranges over. */
  modelKind?: string;
}

const inputClass = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-rose-500";

function ColumnSelect({ value, onChange, columns, disabled, id, field }: ParamInputProps) {
  const current = typeof value === "string" ? value : "";
  if (!columns) {
    return (
      <input
        id={id}
        className={inputClass}
        value={current}
        disabled={disabled}
        placeholder="connect an input to pick a column"
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    );
  }
  const known = columns.some((c) => c.name === current);
  return (
    <select id={id} className={inputClass} value={current} disabled={disabled} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{field.required ? "Choose a column…" : "(none)"}</option>
      {!known && current && <option value={current}>{current} (not in input)</option>}
      {columns.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name} · {c.type}
        </option>
      ))}
    </select>
  );
}

function ColumnChecklist({ value, onChange, columns, disabled, id }: ParamInputProps) {
  const selected = Array.isArray(value) ? (value as string[]) : [];
  if (!columns) return <StringList {...{ value, onChange, disabled, id }} />;
  const toggle = (name: string) => {
    const next = selected.includes(name) ? selected.filter((c) => c !== name) : [...selected, name];
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <div id={id} className="max-h-40 overflow-y-auto rounded-md border border-slate-200 p-1" role="group">
      {columns.map((c) => (
        <label key={c.name} className="flex items-center gap-2 px-1 text-sm">
          <input type="checkbox" checked={selected.includes(c.name)} disabled={disabled} onChange={() => toggle(c.name)} />
          <span className="flex-1 truncate">{c.name}</span>
          <span className="text-[10px] text-slate-400">{c.type}</span>
        </label>
      ))}
    </div>
  );
}

function StringList({ value, onChange, disabled, id }: Pick<ParamInputProps, "value" | "onChange" | "disabled" | "id">) {
  const text = Array.isArray(value) ? (value as string[]).join(", ") : "";
  return (
    <input
      id={id}
      className={inputClass}
      defaultValue={text}
      key={text}
      disabled={disabled}
      placeholder="comma-separated"
      onBlur={(e) => {
        const items = e.target.value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        onChange(items.length > 0 ? items : undefined);
      }}
    />
  );
}

function NumberInput({ field, value, onChange, disabled, id }: ParamInputProps) {
  if (field.kind !== "number") return null;
  return (
    <input
      id={id}
      type="number"
      className={inputClass}
      value={typeof value === "number" ? value : ""}
      placeholder={field.defaultValue === undefined ? "" : String(field.defaultValue)}
      min={field.min}
      max={field.max}
      step={field.integer ? 1 : "any"}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
    />
  );
}

/** Free-form JSON for params the generator has no widget for; invalid JSON stays local until fixed. */
function JsonInput({ value, onChange, disabled, id }: ParamInputProps) {
  const serialized = value === undefined ? "" : JSON.stringify(value, null, 2);
  const [text, setText] = useState(serialized);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(serialized), [serialized]);
  return (
    <>
      <textarea
        id={id}
        className={`${inputClass} font-mono text-xs`}
        rows={5}
        value={text}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === "") {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value));
            setError(null);
          } catch {
            setError("Not valid JSON yet.");
          }
        }}
      />
      {error && <p className="text-xs text-rose-600">{error}</p>}
    </>
  );
}

/** Source code: a monospace multi-line field that keeps long lines unwrapped. */
function CodeInput({ value, onChange, disabled, id }: ParamInputProps) {
  const text = typeof value === "string" ? value : "";
  return (
    <textarea
      id={id}
      className={`${inputClass} font-mono text-[11px] leading-snug`}
      rows={Math.min(24, Math.max(8, text.split("\n").length + 1))}
      value={text}
      disabled={disabled}
      spellCheck={false}
      wrap="off"
      onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
    />
  );
}

function ListInput(props: ParamInputProps) {
  const { field, value, onChange, disabled } = props;
  if (field.kind !== "list") return null;
  const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const update = (index: number, key: string, itemValue: unknown) => onChange(items.map((item, i) => (i === index ? { ...item, [key]: itemValue } : item)));
  return (
    <div className="flex flex-col gap-2">
      {items.map((item, index) => (
        <div key={index} className="flex items-start gap-1 rounded-md border border-slate-200 p-1.5">
          <div className="flex flex-1 flex-col gap-1">
            {field.itemFields.map((sub) => (
              <ParamInput
                key={sub.key}
                {...props}
                id={`${props.id}-${index}-${sub.key}`}
                field={sub}
                value={item[sub.key]}
                onChange={(v) => update(index, sub.key, v)}
              />
            ))}
          </div>
          <button
            type="button"
            disabled={disabled}
            className="px-1 text-slate-400 hover:text-rose-600"
            aria-label={`Remove item ${index + 1}`}
            onClick={() => onChange(items.length > 1 ? items.filter((_, i) => i !== index) : undefined)}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        disabled={disabled}
        className="self-start text-xs text-indigo-600 hover:underline disabled:text-slate-400"
        onClick={() => onChange([...items, {}])}
      >
        + Add
      </button>
    </div>
  );
}

export function ParamInput(props: ParamInputProps) {
  const { field, value, onChange, disabled, id } = props;
  switch (field.kind) {
    case "column":
      return <ColumnSelect {...props} />;
    case "columns":
      return <ColumnChecklist {...props} />;
    case "strings":
      return <StringList {...props} />;
    case "number":
      return <NumberInput {...props} />;
    case "list":
      return <ListInput {...props} />;
    case "json":
      return <JsonInput {...props} />;
    case "searchSpace":
      return <SearchSpaceInput id={id} value={value} onChange={onChange} modelKind={props.modelKind ?? ""} disabled={disabled} />;
    case "code":
      return <CodeInput {...props} />;
    case "boolean": {
      const checked = typeof value === "boolean" ? value : field.defaultValue === true;
      return <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
    }
    case "enum": {
      const current = typeof value === "string" ? value : "";
      return (
        <select id={id} className={inputClass} value={current} disabled={disabled} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">
            {field.defaultValue === undefined ? "Choose…" : `default (${field.optionLabels?.[String(field.defaultValue)] ?? String(field.defaultValue)})`}
          </option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {field.optionLabels?.[o] ?? o}
            </option>
          ))}
        </select>
      );
    }
    case "text":
      return (
        <>
          <input
            id={id}
            list={props.suggestions ? `${id}-suggestions` : undefined}
            className={inputClass}
            value={typeof value === "string" ? value : ""}
            placeholder={field.defaultValue === undefined ? "" : String(field.defaultValue)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          />
          {props.suggestions && (
            <datalist id={`${id}-suggestions`}>
              {props.suggestions.map((s) => (
                <option key={s.value} value={s.value} label={s.label} />
              ))}
            </datalist>
          )}
        </>
      );
  }
}
