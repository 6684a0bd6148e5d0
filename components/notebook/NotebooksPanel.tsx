"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ResourceListPanel } from "@/components/projects/ResourceListPanel";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/** The project's notebooks; editors start, rename and delete them. */
export function NotebooksPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const notebooks = useQuery(trpc.notebook.list.queryOptions({ projectId }));
  const listKey = trpc.notebook.list.queryKey({ projectId });
  const rename = useMutation(trpc.notebook.rename.mutationOptions({ onSuccess: () => refreshQueries(queryClient, { queryKey: listKey }) }));
  const remove = useMutation(trpc.notebook.delete.mutationOptions({ onSuccess: () => refreshQueries(queryClient, { queryKey: listKey }) }));
  const create = useMutation(
    trpc.notebook.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await refreshQueries(queryClient, { queryKey: listKey });
        router.push(`/projects/${projectId}/notebooks/${id}`);
      },
    }),
  );
  return (
    <ResourceListPanel
      noun="notebook"
      items={notebooks.data?.map((n) => ({ id: n.id, name: n.name, detail: formatDate(n.updatedAt) }))}
      hrefFor={(id) => `/projects/${projectId}/notebooks/${id}`}
      canEdit={canEdit}
      creating={create.isPending}
      error={(notebooks.error ?? create.error)?.message ?? null}
      onCreate={(name) => create.mutate({ projectId, name })}
      actions={{
        onRename: (notebookId, name) => rename.mutateAsync({ projectId, notebookId, name }),
        onDelete: (notebookId) => remove.mutateAsync({ projectId, notebookId }),
      }}
    />
  );
}
