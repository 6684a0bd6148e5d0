"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { InlineRenameForm } from "@/components/ui/InlineRenameForm";

export interface ResourceActions {
  onRename(id: string, name: string): Promise<unknown>;
  onDelete(id: string): Promise<unknown>;
  /** What else deleting removes (and keeps), shown in the confirmation. */
  deleteNote?: string;
}

interface Props {
  /** Singular, lower case, as in ResourceListPanel. */
  noun: string;
  item: { id: string; name: string; detail: string };
  href: string;
  /** Absent for viewers: the row is only a link. */
  actions?: ResourceActions;
}

/** One row of a resource list: a link, and for editors rename in place and delete after a confirmation in the row. */
export function ResourceListItem({ noun, item, href, actions }: Props) {
  const [mode, setMode] = useState<"view" | "rename" | "confirm-delete">("view");
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} name`;

  function enter(next: "rename" | "confirm-delete") {
    setError(null);
    setMode(next);
  }

  async function remove(act: ResourceActions) {
    setDeleting(true);
    try {
      await act.onDelete(item.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setDeleting(false);
      setMode("view");
    }
  }

  if (actions && mode === "rename") {
    return (
      <li className="py-2">
        <InlineRenameForm
          label={label}
          initial={item.name}
          onSave={async (name) => {
            await actions.onRename(item.id, name);
            setMode("view");
          }}
          onCancel={() => setMode("view")}
        />
      </li>
    );
  }

  if (actions && mode === "confirm-delete") {
    return (
      <li className="flex flex-wrap items-center gap-2 py-2" onKeyDown={(event) => event.key === "Escape" && setMode("view")}>
        <span className="text-sm" role="alert">
          Delete {noun} &ldquo;{item.name}&rdquo;? {actions.deleteNote ? `${actions.deleteNote} ` : ""}This cannot be undone.
        </span>
        <Button variant="danger" disabled={deleting} onClick={() => void remove(actions)}>
          Delete
        </Button>
        <Button variant="ghost" autoFocus onClick={() => setMode("view")}>
          Cancel
        </Button>
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-1 py-2">
      <div className="flex items-center gap-2">
        <Link href={href} className="flex flex-1 items-center justify-between gap-3 hover:text-indigo-700">
          <span className="font-medium">{item.name}</span>
          <span className="text-xs text-slate-500">{item.detail}</span>
        </Link>
        {actions && (
          <>
            <Button variant="ghost" aria-label={`Rename ${noun} ${item.name}`} onClick={() => enter("rename")}>
              Rename
            </Button>
            <Button variant="ghost" aria-label={`Delete ${noun} ${item.name}`} onClick={() => enter("confirm-delete")}>
              Delete
            </Button>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="text-xs text-rose-600">
          {error}
        </p>
      )}
    </li>
  );
}
