"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "./types";

type Deployment = RouterOutputs["deployment"]["get"];

/** The versions of a deployment, which one serves, and promote / roll back / activate. */
export function VersionsPanel({ projectId, deployment, canEdit }: { projectId: string; deployment: Deployment; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const models = useQuery(trpc.deployment.models.queryOptions({ projectId }, { enabled: canEdit }));
  const [artifactId, setArtifactId] = useState("");
  const onSuccess = (next: Deployment) => queryClient.setQueryData(trpc.deployment.get.queryKey({ projectId, deploymentId: deployment.id }), next);
  const promote = useMutation(trpc.deployment.promote.mutationOptions({ onSuccess }));
  const rollback = useMutation(trpc.deployment.rollback.mutationOptions({ onSuccess }));
  const activate = useMutation(trpc.deployment.activate.mutationOptions({ onSuccess }));
  const error = promote.error ?? rollback.error ?? activate.error;
  const ref = { projectId, deploymentId: deployment.id };
  return (
    <section aria-label="Versions" className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold text-slate-800">Versions</h2>
      {error && <Alert>{error.message}</Alert>}
      <table className="w-full text-xs" aria-label="Model versions">
        <tbody>
          {deployment.versions.map((v) => (
            <tr key={v.id} className="border-t border-slate-100">
              <td className="py-1 font-mono">v{v.number}</td>
              <td className="py-1">
                {v.id === deployment.current?.id ? <strong data-testid="serving-version">serving</strong> : v.id === deployment.previous?.id ? "previous" : ""}
              </td>
              <td className="py-1 font-mono">
                {Object.entries(v.metrics)
                  .slice(0, 3)
                  .map(([k, value]) => `${k} ${value.toFixed(3)}`)
                  .join(" · ")}
              </td>
              <td className="py-1">{formatDate(v.createdAt)}</td>
              <td className="py-1">
                {canEdit && v.id !== deployment.current?.id && (
                  <Button variant="ghost" onClick={() => activate.mutate({ ...ref, versionId: v.id })}>
                    Serve v{v.number}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" disabled={!deployment.previous || rollback.isPending} onClick={() => rollback.mutate(ref)}>
            Roll back{deployment.previous ? ` to v${deployment.previous.number}` : ""}
          </Button>
          <select
            aria-label="Model to promote"
            value={artifactId}
            onChange={(e) => setArtifactId(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs"
          >
            <option value="">Choose a model…</option>
            {(models.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.nodeId} · {formatDate(m.createdAt)}
              </option>
            ))}
          </select>
          <Button disabled={!artifactId || promote.isPending} onClick={() => promote.mutate({ ...ref, artifactId })}>
            {promote.isPending ? "Promoting…" : "Promote"}
          </Button>
        </div>
      )}
    </section>
  );
}
