"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/**
 * On a Model artifact's page: the registered versions made from it (links), and for editors a
 * form that registers it as the next version of a named model (existing names offered).
 */
export function RegisterModelPanel({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listId = useId();
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const lineage = useQuery(trpc.artifact.lineage.queryOptions({ projectId, artifactId }));
  const isModel = lineage.data?.artifact.portType === "Model";
  const held = useQuery({ ...trpc.registry.versionsForArtifact.queryOptions({ projectId, artifactId }), enabled: isModel });
  const models = useQuery({ ...trpc.registry.list.queryOptions({ projectId }), enabled: isModel });
  const [name, setName] = useState("");
  const [formOpen, setFormOpen] = useState(false);
  const register = useMutation(
    trpc.registry.register.mutationOptions({
      onSuccess: () =>
        Promise.all([
          refreshQueries(queryClient, { queryKey: trpc.registry.versionsForArtifact.queryKey({ projectId, artifactId }) }),
          refreshQueries(queryClient, { queryKey: trpc.registry.list.queryKey({ projectId }) }),
        ]).then(() => setFormOpen(false)),
    }),
  );
  if (!isModel || !project.data || !held.data) return null;
  const canEdit = project.data.role !== "viewer";
  const registered = held.data;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    register.mutate({ projectId, artifactId, modelName: name.trim() });
  }

  const showForm = canEdit && (registered.length === 0 || formOpen);
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Model registry">
      <h2 className="mb-2 font-semibold">Model registry</h2>
      {registered.length > 0 ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          Registered as
          {registered.map((v) => (
            <Link key={v.versionId} href={`/projects/${projectId}/models/${v.registeredModelId}`} className="font-medium text-indigo-700 hover:underline">
              {v.modelName} v{v.number}
            </Link>
          ))}
          {canEdit && !formOpen && (
            <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setFormOpen(true)}>
              Register under another name
            </button>
          )}
        </p>
      ) : (
        !canEdit && <p className="text-sm text-slate-500">This model is not registered.</p>
      )}
      {showForm && (
        <form onSubmit={submit} className="mt-2 flex flex-col gap-2" aria-label="Register model">
          <p className="text-sm text-slate-600">Registering makes this model the next version of a named model, with its metrics, inputs and lineage.</p>
          <div className="flex flex-wrap items-end gap-2">
            <TextField
              label="Model name"
              list={listId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. churn"
              maxLength={80}
              required
            />
            <datalist id={listId}>
              {models.data?.map((m) => (
                <option key={m.id} value={m.name} />
              ))}
            </datalist>
            <Button type="submit" disabled={register.isPending || name.trim() === ""}>
              {register.isPending ? "Registering…" : "Register model"}
            </Button>
            {formOpen && (
              <Button type="button" variant="ghost" onClick={() => setFormOpen(false)}>
                Cancel
              </Button>
            )}
          </div>
          {register.error && <Alert>{register.error.message}</Alert>}
        </form>
      )}
      {register.data && (
        <Alert tone="success">
          {register.data.created ? "Registered as " : "Already registered as "}
          <Link href={`/projects/${projectId}/models/${register.data.registeredModelId}`} className="font-medium underline">
            {register.data.modelName} v{register.data.number}
          </Link>
          .
        </Alert>
      )}
    </section>
  );
}
