"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { TextField } from "@/components/ui/TextField";
import { useTRPC } from "@/components/trpc/client";
import { servingLabel } from "./modelLabels";
import { handOverKey } from "./oneTimeKey";
import { PromoteDialog } from "./PromoteDialog";

type Step = { kind: "closed" } | { kind: "choose" } | { kind: "create" } | { kind: "promote"; endpoint: { id: string; name: string } };

/** Registers the model under a name and serves it from a new endpoint, then opens its page, where the key is shown once. */
function CreateEndpointForm({
  projectId,
  artifactId,
  suggestedName,
  onCancel,
}: {
  projectId: string;
  artifactId: string;
  suggestedName: string;
  onCancel(): void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [modelName, setModelName] = useState(suggestedName);
  const [endpointName, setEndpointName] = useState("");
  const deploy = useMutation(
    trpc.deployment.create.mutationOptions({
      onSuccess: (created) => {
        handOverKey(created.id, created.key);
        router.push(`/projects/${projectId}/deployments/${created.id}`);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    deploy.mutate({ projectId, artifactId, modelName: modelName.trim(), name: endpointName.trim() || undefined });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <TextField
        label="Register as model"
        value={modelName}
        onChange={(e) => setModelName(e.target.value)}
        required
        maxLength={80}
        autoFocus
        aria-describedby="deploy-model-name-help"
      />
      <p id="deploy-model-name-help" className="-mt-2 text-xs text-slate-500">
        The model is registered under this name as its next version (an existing version is reused), and the endpoint is pinned to it.
      </p>
      <TextField
        label="Endpoint name"
        value={endpointName}
        placeholder={modelName || "Endpoint name"}
        onChange={(e) => setEndpointName(e.target.value)}
        maxLength={80}
      />
      {deploy.error && <Alert>{deploy.error.message}</Alert>}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={deploy.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={deploy.isPending || modelName.trim() === ""}>
          {deploy.isPending ? "Deploying…" : "Create endpoint"}
        </Button>
      </div>
    </form>
  );
}

/**
 * Deploys a Model artifact. When the model already has endpoints it offers them first (open one,
 * or promote this model there), so pressing Deploy again does not silently make a second endpoint.
 */
export function DeployButton({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const existing = useQuery({ ...trpc.deployment.existingFor.queryOptions({ projectId, artifactId }), enabled: step.kind !== "closed" });
  const close = () => setStep({ kind: "closed" });
  const endpoints = existing.data?.endpoints ?? [];
  const showChoices = step.kind === "choose" && endpoints.length > 0;
  return (
    <>
      <button type="button" className="mr-2 text-indigo-700 hover:underline" onClick={() => setStep({ kind: "choose" })}>
        Deploy
      </button>
      {(step.kind === "choose" || step.kind === "create") && (
        <Dialog title="Deploy this model" onClose={close}>
          {existing.error && <Alert>{existing.error.message}</Alert>}
          {!existing.data && !existing.error && <p className="text-sm text-slate-500">Checking where this model is served…</p>}
          {existing.data && showChoices && (
            <div className="flex flex-col gap-3 text-sm">
              <p>This model is already served by:</p>
              <ul className="flex flex-col gap-2" aria-label="Endpoints serving this model">
                {endpoints.map((e) => (
                  <li key={e.id} className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 px-3 py-2">
                    <span className="font-medium">{e.name}</span>
                    <span className="text-xs text-slate-500">
                      {e.status} ·{" "}
                      {servingLabel({
                        modelName: e.model?.name ?? null,
                        servedAlias: e.servedAlias,
                        registeredNumber: e.served?.registeredNumber ?? null,
                        servedNumber: e.served?.number ?? null,
                      })}
                      {e.servesIt ? " · serves this model now" : ""}
                    </span>
                    <span className="ml-auto flex gap-2">
                      <Link href={`/projects/${projectId}/deployments/${e.id}`} className="rounded-md px-2 py-1 text-indigo-700 hover:underline">
                        Open it
                      </Link>
                      {!e.servesIt && (
                        <Button variant="secondary" onClick={() => setStep({ kind: "promote", endpoint: { id: e.id, name: e.name } })}>
                          Promote it there
                        </Button>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
              <div className="flex justify-end gap-2">
                <Button variant="secondary" onClick={close}>
                  Cancel
                </Button>
                <Button onClick={() => setStep({ kind: "create" })}>Create a new endpoint</Button>
              </div>
            </div>
          )}
          {existing.data && !showChoices && (
            <CreateEndpointForm projectId={projectId} artifactId={artifactId} suggestedName={existing.data.suggestedModelName ?? ""} onCancel={close} />
          )}
        </Dialog>
      )}
      {step.kind === "promote" && (
        <PromoteDialog
          projectId={projectId}
          endpoint={step.endpoint}
          target={{ artifactId }}
          targetLabel="this model"
          onDone={(next) => router.push(`/projects/${projectId}/deployments/${next.id}`)}
          onCancel={() => setStep({ kind: "choose" })}
        />
      )}
    </>
  );
}
