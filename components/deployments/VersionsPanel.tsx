"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { ContractChanges } from "./ContractChanges";
import { metricsSummary } from "./modelLabels";
import { PromoteDialog, type PromoteTarget } from "./PromoteDialog";
import { PromotePicker } from "./PromotePicker";
import type { RouterOutputs } from "./types";
import { refreshQueries } from "@/components/trpc/refreshQueries";

type Deployment = RouterOutputs["deployment"]["get"];
type Version = Deployment["versions"][number];

/** Serving one of the endpoint's own versions again (roll back, or "Serve vN"), confirmed first with what changes. */
function ServeVersionDialog({
  projectId,
  deployment,
  version,
  rollback,
  onDone,
  onCancel,
}: {
  projectId: string;
  deployment: Deployment;
  version: Version;
  rollback: boolean;
  onDone(next: Deployment): void;
  onCancel(): void;
}) {
  const trpc = useTRPC();
  const [accepted, setAccepted] = useState(false);
  const options = { onSuccess: onDone };
  const rollbackMutation = useMutation(trpc.deployment.rollback.mutationOptions(options));
  const activate = useMutation(trpc.deployment.activate.mutationOptions(options));
  const mutation = rollback ? rollbackMutation : activate;
  const ref = { projectId, deploymentId: deployment.id };
  const changes = version.differencesFromCurrent.length > 0 ? [{ deploymentName: deployment.name, differences: version.differencesFromCurrent }] : [];
  return (
    <ConfirmDialog
      title={rollback ? `Roll back to v${version.number}?` : `Serve v${version.number}?`}
      confirmLabel={rollback ? `Roll back to v${version.number}` : `Serve v${version.number}`}
      pending={mutation.isPending}
      error={mutation.error?.message}
      confirmDisabled={changes.length > 0 && !accepted}
      onConfirm={() =>
        rollback
          ? rollbackMutation.mutate({ ...ref, acceptContractChange: accepted })
          : activate.mutate({ ...ref, versionId: version.id, acceptContractChange: accepted })
      }
      onCancel={onCancel}
    >
      <p>
        “{deployment.name}” switches from v{deployment.current?.number} to v{version.number}
        {version.registered ? ` (${version.registered.modelName} v${version.registered.number})` : ""} for every new request.
      </p>
      {deployment.servedAlias && (
        <p>
          It stops following {deployment.registeredModel?.name} @{deployment.servedAlias} and stays on this version until you promote again; other endpoints
          following the alias are not affected.
        </p>
      )}
      <ContractChanges changes={changes} accepted={accepted} onAcceptedChange={setAccepted} />
    </ConfirmDialog>
  );
}

/** The versions of a deployment, which one serves, and promote / roll back / activate, each confirmed first. */
export function VersionsPanel({ projectId, deployment, canEdit }: { projectId: string; deployment: Deployment; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [promoting, setPromoting] = useState<{ target: PromoteTarget; label: string } | null>(null);
  const [serving, setServing] = useState<{ version: Version; rollback: boolean } | null>(null);
  const onDone = (next: Deployment) => {
    queryClient.setQueryData(trpc.deployment.get.queryKey({ projectId, deploymentId: deployment.id }), next);
    void refreshQueries(queryClient, { queryKey: trpc.deployment.models.queryKey({ projectId }) });
    setPromoting(null);
    setServing(null);
  };
  return (
    <section aria-label="Versions" className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold text-slate-800">Versions</h2>
      <table className="w-full text-xs" aria-label="Model versions">
        <tbody>
          {deployment.versions.map((v) => (
            <tr key={v.id} className="border-t border-slate-100">
              <td className="py-1 font-mono">v{v.number}</td>
              <td className="py-1">
                {v.id === deployment.current?.id ? <strong data-testid="serving-version">serving</strong> : v.id === deployment.previous?.id ? "previous" : ""}
              </td>
              <td className="py-1">
                {v.registered ? (
                  <Link href={`/projects/${projectId}/models/${v.registered.modelId}`} className="text-indigo-700 hover:underline">
                    {v.registered.modelName} v{v.registered.number}
                  </Link>
                ) : (
                  <span className="text-slate-500">not registered</span>
                )}
              </td>
              <td className="py-1 font-mono">{metricsSummary(v.metrics)}</td>
              <td className="py-1">
                {v.runId ? (
                  <Link href={`/projects/${projectId}/runs?run=${v.runId}`} className="text-indigo-700 hover:underline">
                    {formatDate(v.createdAt)}
                  </Link>
                ) : (
                  formatDate(v.createdAt)
                )}
              </td>
              <td className="py-1">
                {canEdit && v.id !== deployment.current?.id && (
                  <Button variant="ghost" onClick={() => setServing({ version: v, rollback: false })}>
                    Serve v{v.number}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deployment.versions.length === 0 && <Alert tone="info">This endpoint has no model version yet.</Alert>}
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            disabled={!deployment.previous}
            onClick={() => deployment.previous && setServing({ version: deployment.previous, rollback: true })}
          >
            Roll back{deployment.previous ? ` to v${deployment.previous.number}` : ""}
          </Button>
          <PromotePicker
            projectId={projectId}
            onlyModelId={deployment.servedAlias !== null ? (deployment.registeredModel?.id ?? null) : null}
            servingVersionId={deployment.current?.registered?.id ?? null}
            onPick={(target, label) => setPromoting({ target, label })}
          />
        </div>
      )}
      {promoting && (
        <PromoteDialog
          projectId={projectId}
          endpoint={deployment}
          target={promoting.target}
          targetLabel={promoting.label}
          onDone={onDone}
          onCancel={() => setPromoting(null)}
        />
      )}
      {serving && (
        <ServeVersionDialog
          projectId={projectId}
          deployment={deployment}
          version={serving.version}
          rollback={serving.rollback}
          onDone={onDone}
          onCancel={() => setServing(null)}
        />
      )}
    </section>
  );
}
