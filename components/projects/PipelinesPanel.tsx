"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";

export function PipelinesPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const pipelines = useQuery(trpc.pipeline.list.queryOptions({ projectId }));
  const create = useMutation(
    trpc.pipeline.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.pipeline.list.queryKey({ projectId }) });
        router.push(`/projects/${projectId}/pipelines/${id}`);
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
        <div className="flex items-baseline gap-3">
          <h2 className="font-semibold">Pipelines</h2>
          <Link href={`/projects/${projectId}/runs`} className="text-sm text-indigo-700 hover:underline">
            All runs
          </Link>
        </div>
        {canEdit && (
          <form onSubmit={onCreate} className="flex gap-2">
            <input
              name="name"
              aria-label="New pipeline name"
              placeholder="New pipeline name"
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <Button type="submit" disabled={create.isPending}>
              New pipeline
            </Button>
          </form>
        )}
      </div>
      {(pipelines.error ?? create.error) && <Alert>{(pipelines.error ?? create.error)?.message}</Alert>}
      {pipelines.data?.length === 0 && <p className="text-sm text-slate-500">No pipelines yet.</p>}
      <ul className="divide-y divide-slate-100" aria-label="Pipelines">
        {pipelines.data?.map((p) => (
          <li key={p.id} className="py-2">
            <Link href={`/projects/${projectId}/pipelines/${p.id}`} className="flex items-center justify-between hover:text-indigo-700">
              <span className="font-medium">{p.name}</span>
              <span className="text-xs text-slate-500">
                {p.latestVersion ? `v${p.latestVersion.number} · ${formatDate(p.latestVersion.createdAt)}` : "no saved version"}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
