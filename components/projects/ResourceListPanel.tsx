"use client";

import type { FormEvent, ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ResourceListItem, type ResourceActions } from "./ResourceListItem";

interface Props {
  /** Singular, lower case: "pipeline", "notebook". */
  noun: string;
  /** Shown beside the heading (e.g. a link to related pages). */
  headerExtra?: ReactNode;
  /** Other ways to start one (e.g. from a file), beside the form; editors only. */
  createExtra?: ReactNode;
  items: { id: string; name: string; detail: string }[] | undefined;
  hrefFor(id: string): string;
  canEdit: boolean;
  creating: boolean;
  error: string | null;
  onCreate(name: string): void;
  /** Rename and delete for each row, offered to editors only. */
  actions?: ResourceActions;
}

/** A project's named resources of one kind: a list of links and, for editors, a form to start a new one (and, given actions, rename and delete). */
export function ResourceListPanel({ noun, headerExtra, createExtra, items, hrefFor, canEdit, creating, error, onCreate, actions }: Props) {
  const title = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}s`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onCreate(String(new FormData(event.currentTarget).get("name")));
  }
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-3 flex items-center justify-between gap-3">
        <div className="flex items-baseline gap-3">
          <h2 className="font-semibold">{title}</h2>
          {headerExtra}
        </div>
        {canEdit && (
          <div className="flex items-start gap-2">
            <form onSubmit={submit} className="flex gap-2">
              <input
                name="name"
                aria-label={`New ${noun} name`}
                placeholder={`New ${noun} name`}
                className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              <Button type="submit" disabled={creating}>
                New {noun}
              </Button>
            </form>
            {createExtra}
          </div>
        )}
      </div>
      {error && <Alert>{error}</Alert>}
      {items?.length === 0 && <p className="text-sm text-slate-500">No {noun}s yet.</p>}
      <ul className="divide-y divide-slate-100" aria-label={title}>
        {items?.map((item) => (
          <ResourceListItem key={item.id} noun={noun} item={item} href={hrefFor(item.id)} actions={canEdit ? actions : undefined} />
        ))}
      </ul>
    </section>
  );
}
