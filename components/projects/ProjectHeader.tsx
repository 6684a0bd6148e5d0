"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

interface Props {
  project: { id: string; name: string; description: string; role: string };
}

export function ProjectHeader({ project }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const canEdit = project.role !== "viewer";
  const rename = useMutation(
    trpc.project.update.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        return refreshQueries(queryClient, { queryKey: trpc.project.pathKey() });
      },
    }),
  );
  const remove = useMutation(
    trpc.project.delete.mutationOptions({
      onSuccess: async () => {
        await refreshQueries(queryClient, { queryKey: trpc.project.list.queryKey() });
        router.push("/projects");
      },
    }),
  );

  function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name"));
    rename.mutate({ projectId: project.id, name });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-start justify-between gap-4">
        {editing ? (
          <form onSubmit={onRename} className="flex items-end gap-2">
            <TextField label="Project name" name="name" defaultValue={project.name} autoFocus />
            <Button type="submit" disabled={rename.isPending}>
              Save
            </Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <div>
            <h1 className="text-2xl font-semibold" data-testid="project-name">
              {project.name}
            </h1>
            <p className="text-sm text-slate-500">{project.description}</p>
          </div>
        )}
        <div className="flex items-center gap-2">
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="my-role">
            {project.role}
          </span>
          {canEdit && !editing && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Rename
            </Button>
          )}
          {canEdit && (
            // A plain download: the archive streams straight to disk instead of through the page's memory.
            <a
              href={`/api/projects/${encodeURIComponent(project.id)}/export`}
              download
              title="Download this project as a .vajra.tar.gz archive, for a backup or to import it on another server"
              className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
            >
              Export project
            </a>
          )}
          {project.role === "owner" && (
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Delete "${project.name}" and everything in it? This cannot be undone.`)) {
                  remove.mutate({ projectId: project.id });
                }
              }}
            >
              Delete
            </Button>
          )}
        </div>
      </div>
      {rename.error && <Alert>{rename.error.message}</Alert>}
      {remove.error && <Alert>{remove.error.message}</Alert>}
    </div>
  );
}
