"use client";

import { useState, type FormEvent } from "react";
import { Button } from "./Button";

interface Props {
  /** The input's accessible name, e.g. "Notebook name". */
  label: string;
  initial: string;
  /** Rejects with the reason the name was refused; the form stays open to correct it. */
  onSave(name: string): Promise<unknown>;
  onCancel(): void;
}

/** Renames in place: Enter (or Save) saves, Escape (or Cancel) leaves the name as it was. */
export function InlineRenameForm({ label, initial, onSave, onCancel }: Props) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name")).trim();
    if (name === initial) return onCancel();
    setSaving(true);
    try {
      await onSave(name);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        // The page's own Escape handling (e.g. a notebook's command mode) must not see it too.
        event.stopPropagation();
        onCancel();
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <input
        name="name"
        aria-label={label}
        defaultValue={initial}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        aria-invalid={error ? true : undefined}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm aria-invalid:border-rose-500"
      />
      <Button type="submit" disabled={saving}>
        Save
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
      {error && (
        <span role="alert" className="text-xs text-rose-600">
          {error}
        </span>
      )}
    </form>
  );
}
