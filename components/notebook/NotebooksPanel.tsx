"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";

/** The project's notebooks, and (for editors) a form to start one. */
export function NotebooksPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const notebooks = useQuery(trpc.notebook.list.queryOptions({ projectId }));
  const create = useMutation(
    trpc.notebook.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.notebook.list.queryKey({ projectId }) });
        router.push(`/projects/${projectId}/notebooks/${id}`);
      },
    }),
  );

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ projectId, name: String(new FormData(event.currentTarget).get("name")) });
  }

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 className="font-semibold">Notebooks</h2>
        {canEdit && (
          <form onSubmit={onCreate} className="flex gap-2">
            <input
              name="name"
              aria-label="New notebook name"
              placeholder="New notebook name"
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <Button type="submit" disabled={create.isPending}>
              New notebook
            </Button>
          </form>
        )}
      </div>
      {(notebooks.error ?? create.error) && <Alert>{(notebooks.error ?? create.error)?.message}</Alert>}
      {notebooks.data?.length === 0 && <p className="text-sm text-slate-500">No notebooks yet.</p>}
      <ul className="divide-y divide-slate-100" aria-label="Notebooks">
        {notebooks.data?.map((n) => (
          <li key={n.id} className="py-2">
            <Link href={`/projects/${projectId}/notebooks/${n.id}`} className="flex items-center justify-between hover:text-indigo-700">
              <span className="font-medium">{n.name}</span>
              <span className="text-xs text-slate-500">{formatDate(n.updatedAt)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
