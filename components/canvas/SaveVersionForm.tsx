"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";

export function SaveVersionForm({ pending, onSave, onCancel }: { pending: boolean; onSave(message: string): void; onCancel(): void }) {
  const [message, setMessage] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (message.trim()) onSave(message.trim());
  };
  return (
    <form
      onSubmit={submit}
      className="absolute top-12 right-3 z-20 flex w-80 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
      aria-label="Save version"
    >
      <label htmlFor="version-message" className="text-sm font-medium">
        What changed?
      </label>
      <input
        id="version-message"
        autoFocus
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        placeholder="e.g. Stratify the split by species"
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        onKeyDown={(e) => e.key === "Escape" && onCancel()}
      />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending || !message.trim()}>
          {pending ? "Saving…" : "Save version"}
        </Button>
      </div>
    </form>
  );
}
