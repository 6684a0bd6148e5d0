"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { ImportPipelineButton } from "./ImportPipelineButton";
import { ResourceListPanel } from "./ResourceListPanel";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/** The project's pipelines; editors start one (empty or from a file), rename and delete them. */
export function PipelinesPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const pipelines = useQuery(trpc.pipeline.list.queryOptions({ projectId }));
  const listKey = trpc.pipeline.list.queryKey({ projectId });
  const rename = useMutation(trpc.pipeline.rename.mutationOptions({ onSuccess: () => refreshQueries(queryClient, { queryKey: listKey }) }));
  const remove = useMutation(trpc.pipeline.delete.mutationOptions({ onSuccess: () => refreshQueries(queryClient, { queryKey: listKey }) }));
  const create = useMutation(
    trpc.pipeline.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await refreshQueries(queryClient, { queryKey: listKey });
        router.push(`/projects/${projectId}/pipelines/${id}`);
      },
    }),
  );
  return (
    <ResourceListPanel
      noun="pipeline"
      headerExtra={
        <Link href={`/projects/${projectId}/runs`} className="text-sm text-indigo-700 hover:underline">
          All runs
        </Link>
      }
      createExtra={<ImportPipelineButton projectId={projectId} />}
      items={pipelines.data?.map((p) => ({
        id: p.id,
        name: p.name,
        detail: p.latestVersion ? `v${p.latestVersion.number} · ${formatDate(p.latestVersion.createdAt)}` : "no saved version",
      }))}
      hrefFor={(id) => `/projects/${projectId}/pipelines/${id}`}
      canEdit={canEdit}
      creating={create.isPending}
      error={(pipelines.error ?? create.error)?.message ?? null}
      onCreate={(name) => create.mutate({ projectId, name })}
      actions={{
        onRename: (pipelineId, name) => rename.mutateAsync({ projectId, pipelineId, name }),
        onDelete: (pipelineId) => remove.mutateAsync({ projectId, pipelineId }),
        deleteNote: "Its versions, drafts and run history go too; trained models and deployments stay.",
      }}
    />
  );
}
