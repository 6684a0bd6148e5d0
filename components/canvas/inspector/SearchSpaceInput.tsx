"use client";

import { searchSpaceSchema, type Dimension, type SearchSpace } from "@/pipeline/ml/tuner/search-space";
import { formatChoices, modelHyperparameters, newDimension, parseChoices, renameDimension, retypeDimension, type DimensionType } from "./searchSpaceRows";

const inputClass = "rounded-md border border-slate-300 px-1.5 py-0.5 text-xs disabled:bg-slate-50 disabled:text-slate-500";

interface Props {
  id: string;
  value: unknown;
  /** `undefined` goes back to the space derived from the model. */
  onChange(value: SearchSpace | undefined): void;
  modelKind: string;
  disabled: boolean;
}

/** Choices typed as text, read when the field is left so a half-typed list is not reformatted mid-word. */
function ChoicesInput({
  values,
  onChange,
  disabled,
  label,
}: {
  values: Dimension & { type: "choice" };
  onChange(d: Dimension): void;
  disabled: boolean;
  label: string;
}) {
  const text = formatChoices(values.values);
  return (
    <input
      key={text}
      aria-label={label}
      className={`${inputClass} min-w-0 flex-1`}
      defaultValue={text}
      placeholder="comma-separated, e.g. 0.1, 1, relu"
      disabled={disabled}
      onBlur={(e) => {
        const parsed = parseChoices(e.target.value);
        if (parsed.length > 0) onChange({ type: "choice", values: parsed });
        else e.target.value = text;
      }}
    />
  );
}

/** One hyperparameter's range or choices. */
function DimensionRow({
  name,
  dimension,
  names,
  taken,
  disabled,
  onRename,
  onChange,
  onRemove,
  fallback,
}: {
  name: string;
  dimension: Dimension;
  names: string[];
  taken: Set<string>;
  disabled: boolean;
  onRename(to: string): void;
  onChange(dimension: Dimension): void;
  onRemove(): void;
  fallback: Dimension | undefined;
}) {
  const number = (key: "min" | "max", text: string) => {
    if (dimension.type === "choice" || text === "") return;
    const parsed = Number(text);
    if (Number.isFinite(parsed)) onChange({ ...dimension, [key]: dimension.type === "int" ? Math.round(parsed) : parsed });
  };
  return (
    <div className="flex flex-col gap-1 rounded-md border border-slate-200 p-1.5" data-testid={`search-dimension-${name}`}>
      <div className="flex items-center gap-1">
        <select
          aria-label="Hyperparameter"
          className={`${inputClass} min-w-0 flex-1`}
          value={name}
          disabled={disabled}
          onChange={(e) => onRename(e.target.value)}
        >
          {!names.includes(name) && <option value={name}>{name} (not a hyperparameter)</option>}
          {names.map((n) => (
            <option key={n} value={n} disabled={n !== name && taken.has(n)}>
              {n}
            </option>
          ))}
        </select>
        <select
          aria-label={`${name} type`}
          className={inputClass}
          value={dimension.type}
          disabled={disabled}
          onChange={(e) => onChange(retypeDimension(dimension, e.target.value as DimensionType, fallback))}
        >
          <option value="float">float</option>
          <option value="int">integer</option>
          <option value="choice">choices</option>
        </select>
        <button type="button" disabled={disabled} className="px-1 text-slate-400 hover:text-rose-600" aria-label={`Remove ${name}`} onClick={onRemove}>
          ×
        </button>
      </div>
      {dimension.type === "choice" ? (
        <ChoicesInput values={dimension} onChange={onChange} disabled={disabled} label={`${name} choices`} />
      ) : (
        <div className="flex items-center gap-1 text-[11px] text-slate-500">
          <input
            aria-label={`${name} minimum`}
            type="number"
            step={dimension.type === "int" ? 1 : "any"}
            className={`${inputClass} w-0 flex-1`}
            value={dimension.min}
            disabled={disabled}
            onChange={(e) => number("min", e.target.value)}
          />
          to
          <input
            aria-label={`${name} maximum`}
            type="number"
            step={dimension.type === "int" ? 1 : "any"}
            className={`${inputClass} w-0 flex-1`}
            value={dimension.max}
            disabled={disabled}
            onChange={(e) => number("max", e.target.value)}
          />
          <label className="flex items-center gap-0.5" title="Search on a log scale (learning rates, regularisation)">
            <input type="checkbox" checked={dimension.log} disabled={disabled} onChange={(e) => onChange({ ...dimension, log: e.target.checked })} />
            log
          </label>
        </div>
      )}
    </div>
  );
}

/**
 * The tuner's search space as rows of the chosen model's hyperparameters. Left empty, the
 * tuner derives it from the model; the rows then show what it would search.
 */
export function SearchSpaceInput({ id, value, onChange, modelKind, disabled }: Props) {
  const { names, defaults } = modelHyperparameters(modelKind);
  const parsed = value === undefined ? undefined : searchSpaceSchema.safeParse(value);
  // A space the form cannot show as rows (hand-edited in an imported file) is kept as it is until replaced.
  if (parsed !== undefined && !parsed.success) {
    return (
      <div id={id} className="flex flex-col gap-1 text-xs">
        <pre className="max-h-32 overflow-auto rounded-md bg-slate-50 p-1.5 text-[11px]">{JSON.stringify(value, null, 2)}</pre>
        {!disabled && (
          <button type="button" className="self-start text-indigo-600 hover:underline" onClick={() => onChange({ ...defaults })}>
            Replace with the model&apos;s defaults
          </button>
        )}
      </div>
    );
  }
  const space = parsed?.data;
  const shown = space ?? defaults;
  const taken = new Set(Object.keys(shown));
  const unused = names.filter((n) => !taken.has(n));
  const update = (next: SearchSpace) => onChange(next);
  return (
    <div id={id} className="flex flex-col gap-1.5" role="group">
      {space === undefined && (
        <p className="text-[11px] text-slate-500">
          {Object.keys(defaults).length > 0
            ? "Derived from the model's hyperparameters (edit any row to set your own):"
            : "This model has no hyperparameters to search."}
        </p>
      )}
      {Object.entries(shown).map(([name, dimension]) => (
        <DimensionRow
          key={name}
          name={name}
          dimension={dimension}
          names={names}
          taken={taken}
          disabled={disabled}
          fallback={defaults[name]}
          onRename={(to) => update(renameDimension(shown, name, to))}
          onChange={(d) => update({ ...shown, [name]: d })}
          onRemove={() => update(Object.fromEntries(Object.entries(shown).filter(([n]) => n !== name)))}
        />
      ))}
      {!disabled && (
        <div className="flex flex-wrap gap-x-3 text-xs">
          {unused.length > 0 && (
            <button
              type="button"
              className="text-indigo-600 hover:underline"
              onClick={() => update({ ...shown, [unused[0]!]: newDimension(unused[0]!, defaults) })}
            >
              + Add hyperparameter
            </button>
          )}
          <button
            type="button"
            className="text-indigo-600 hover:underline"
            onClick={() => update({ ...defaults })}
            title="Replace the rows with the model's own ranges"
          >
            Fill from the model&apos;s defaults
          </button>
          {space !== undefined && (
            <button
              type="button"
              className="text-slate-500 hover:underline"
              onClick={() => onChange(undefined)}
              title="Clear your rows: the tuner derives the space from the model"
            >
              Derive automatically
            </button>
          )}
        </div>
      )}
    </div>
  );
}
