"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { ImportProjectButton } from "./ImportProjectButton";
import { refreshQueries } from "@/components/trpc/refreshQueries";

export function ProjectList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projects = useQuery(trpc.project.list.queryOptions());
  const invalidate = () => refreshQueries(queryClient, { queryKey: trpc.project.list.queryKey() });
  const create = useMutation(trpc.project.create.mutationOptions({ onSuccess: invalidate }));
  const [formKey, setFormKey] = useState(0);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name"));
    await create.mutateAsync({ name }).then(
      () => setFormKey((k) => k + 1),
      () => undefined,
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Projects</h1>
        <div className="flex items-end gap-4">
          <form key={formKey} onSubmit={onCreate} className="flex items-end gap-2">
            <TextField label="New project" name="name" placeholder="e.g. Churn model" />
            <Button type="submit" disabled={create.isPending}>
              Create project
            </Button>
          </form>
          <ImportProjectButton />
        </div>
      </div>
      {create.error && <Alert>{create.error.message}</Alert>}
      {projects.error && <Alert>{projects.error.message}</Alert>}
      {projects.isPending && <p className="text-sm text-slate-500">Loading projects…</p>}
      {projects.data?.length === 0 && <Alert tone="info">No projects yet. Create one above.</Alert>}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
        {projects.data?.map((p) => (
          <li key={p.id}>
            <Link
              href={`/projects/${p.id}`}
              className="flex h-full flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300"
            >
              <span className="font-medium">{p.name}</span>
              <span className="line-clamp-2 text-sm text-slate-500">{p.description}</span>
              <span className="mt-auto pt-2 text-xs text-slate-400">
                {p.role} · {p.memberCount} member{p.memberCount === 1 ? "" : "s"} · updated {formatDate(p.updatedAt)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
