"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { InlineRenameForm } from "@/components/ui/InlineRenameForm";
import { useTRPC } from "@/components/trpc/client";
import { servingLabel } from "./modelLabels";
import type { RouterOutputs } from "./types";
import { refreshQueries } from "@/components/trpc/refreshQueries";

type Deployment = RouterOutputs["deployment"]["get"];
type Role = "owner" | "editor" | "viewer";
type Pending = "stop" | "public" | "rotate" | null;

/** "serves iris @champion (v3)" or "pinned to iris v3", linking to the model and to the run that trained the served version. */
function ServingLine({ projectId, deployment }: { projectId: string; deployment: Deployment }) {
  const current = deployment.current;
  const label = servingLabel({
    modelName: current?.registered?.modelName ?? null,
    servedAlias: deployment.servedAlias,
    registeredNumber: current?.registered?.number ?? null,
    servedNumber: current?.number ?? null,
  });
  return (
    <p data-testid="deployment-serving" className="text-sm text-slate-600">
      {deployment.servedAlias ? "Serves " : "Pinned to "}
      {current?.registered ? (
        <Link href={`/projects/${projectId}/models/${current.registered.modelId}`} className="text-indigo-700 hover:underline">
          {label}
        </Link>
      ) : (
        label
      )}
      {current?.runId && (
        <>
          {" · "}
          <Link href={`/projects/${projectId}/runs?run=${current.runId}`} className="text-indigo-700 hover:underline">
            the run that trained it
          </Link>
        </>
      )}
      {deployment.servedAlias && " · moves when the alias moves"}
    </p>
  );
}

/**
 * The endpoint's name (renamed in place by editors), what it serves, and its actions, each risky
 * one confirmed with what will happen. Viewers see no actions.
 */
export function DeploymentHeader({
  projectId,
  deployment,
  role,
  onKeyIssued,
}: {
  projectId: string;
  deployment: Deployment;
  role: Role;
  onKeyIssued(key: string): void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { projectId, deploymentId: deployment.id };
  const [renaming, setRenaming] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const onSuccess = (next: Deployment) => {
    queryClient.setQueryData(trpc.deployment.get.queryKey(ref), next);
    void refreshQueries(queryClient, { queryKey: trpc.deployment.summary.queryKey({ projectId }) });
    setPending(null);
  };
  const rename = useMutation(
    trpc.deployment.rename.mutationOptions({
      onSuccess: (next) => {
        onSuccess(next);
        setRenaming(false);
      },
    }),
  );
  const setStatus = useMutation(trpc.deployment.setStatus.mutationOptions({ onSuccess }));
  const setPublic = useMutation(trpc.deployment.setPublic.mutationOptions({ onSuccess }));
  const rotate = useMutation(
    trpc.deployment.rotateKey.mutationOptions({
      onSuccess: (issued) => {
        onKeyIssued(issued.key);
        setPending(null);
      },
    }),
  );
  const canEdit = role !== "viewer";
  const d = deployment;
  return (
    <header className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-3">
        {renaming ? (
          <InlineRenameForm
            label="Endpoint name"
            initial={d.name}
            onSave={(name) => rename.mutateAsync({ ...ref, name })}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          <h1 className="text-xl font-semibold text-slate-900">{d.name}</h1>
        )}
        {canEdit && !renaming && (
          <Button variant="ghost" onClick={() => setRenaming(true)} aria-label={`Rename ${d.name}`}>
            Rename
          </Button>
        )}
        <span
          data-testid="deployment-status"
          className={`rounded px-2 py-0.5 text-xs ${d.status === "active" ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}
        >
          {d.status}
        </span>
        {d.public && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">public</span>}
        {canEdit && (
          <div className="ml-auto flex gap-2">
            {d.status === "active" ? (
              <Button variant="secondary" onClick={() => setPending("stop")}>
                Stop
              </Button>
            ) : (
              <Button variant="secondary" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ ...ref, status: "active" })}>
                Start
              </Button>
            )}
            {role === "owner" &&
              (d.public ? (
                <Button variant="secondary" disabled={setPublic.isPending} onClick={() => setPublic.mutate({ ...ref, public: false })}>
                  Require a key
                </Button>
              ) : (
                <Button variant="secondary" onClick={() => setPending("public")}>
                  Make public
                </Button>
              ))}
            <Button variant="secondary" onClick={() => setPending("rotate")}>
              Rotate key
            </Button>
          </div>
        )}
      </div>
      <ServingLine projectId={projectId} deployment={d} />
      {pending === "stop" && (
        <ConfirmDialog
          title={`Stop “${d.name}”?`}
          confirmLabel="Stop endpoint"
          tone="danger"
          pending={setStatus.isPending}
          error={setStatus.error?.message}
          onConfirm={() => setStatus.mutate({ ...ref, status: "stopped" })}
          onCancel={() => setPending(null)}
        >
          <p>Every request to this endpoint gets 404 until you start it again. Its versions, key and settings are kept.</p>
        </ConfirmDialog>
      )}
      {pending === "public" && (
        <ConfirmDialog
          title={`Make “${d.name}” public?`}
          confirmLabel="Make public"
          tone="danger"
          pending={setPublic.isPending}
          error={setPublic.error?.message}
          onConfirm={() => setPublic.mutate({ ...ref, public: true })}
          onCancel={() => setPending(null)}
        >
          <p>Anyone with the URL can call this endpoint without a key; requests are still rate limited.</p>
        </ConfirmDialog>
      )}
      {pending === "rotate" && (
        <ConfirmDialog
          title="Rotate the API key?"
          confirmLabel="Rotate key"
          tone="danger"
          pending={rotate.isPending}
          error={rotate.error?.message}
          onConfirm={() => rotate.mutate(ref)}
          onCancel={() => setPending(null)}
        >
          <p>The current key stops working immediately: clients using it get 401 until they switch to the new key, which is shown once.</p>
        </ConfirmDialog>
      )}
    </header>
  );
}
