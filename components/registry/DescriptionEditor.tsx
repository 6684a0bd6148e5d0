"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";

interface Props {
  /** What is described, for the accessible names: "model" or "v3". */
  subject: string;
  description: string;
  canEdit: boolean;
  /** Rejects with the reason the description was refused; the form stays open to correct it. */
  onSave(description: string): Promise<unknown>;
}

/** A free-text description, edited in place by editors (Escape or Cancel keeps the old text). */
export function DescriptionEditor({ subject, description, canEdit, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave(String(new FormData(event.currentTarget).get("description")));
      setEditing(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  }

  if (!editing)
    return (
      <div className="flex items-start gap-2 text-sm">
        <p className={`whitespace-pre-wrap ${description ? "text-slate-700" : "text-slate-400"}`}>{description || "No description."}</p>
        {canEdit && (
          <button
            type="button"
            className="shrink-0 text-xs text-indigo-700 hover:underline"
            onClick={() => setEditing(true)}
            aria-label={`Edit description of ${subject}`}
          >
            Edit
          </button>
        )}
      </div>
    );
  return (
    <form onSubmit={submit} onKeyDown={(event) => event.key === "Escape" && setEditing(false)} className="flex flex-col gap-2">
      <textarea
        name="description"
        aria-label={`Description of ${subject}`}
        defaultValue={description}
        autoFocus
        rows={3}
        maxLength={2000}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
          Cancel
        </Button>
        {error && (
          <span role="alert" className="text-xs text-rose-600">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
