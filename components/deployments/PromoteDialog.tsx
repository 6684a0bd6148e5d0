"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { useTRPC } from "@/components/trpc/client";
import { ContractChanges } from "./ContractChanges";
import type { RouterOutputs } from "./types";

export type PromoteTarget = { registeredVersionId: string } | { artifactId: string };

/**
 * Confirms a promote, saying what it will do: on an endpoint that follows an alias it moves the
 * alias, so every endpoint following it switches (they are listed); a model with other inputs
 * needs the contract change acknowledged first.
 */
export function PromoteDialog({
  projectId,
  endpoint,
  target,
  targetLabel,
  onDone,
  onCancel,
}: {
  projectId: string;
  endpoint: { id: string; name: string };
  target: PromoteTarget;
  targetLabel: string;
  onDone(next: RouterOutputs["deployment"]["get"]): void;
  onCancel(): void;
}) {
  const trpc = useTRPC();
  const ref = { projectId, deploymentId: endpoint.id };
  const preview = useQuery(trpc.deployment.promotePreview.queryOptions({ ...ref, ...target }));
  const [accepted, setAccepted] = useState(false);
  const promote = useMutation(trpc.deployment.promote.mutationOptions({ onSuccess: onDone }));
  const p = preview.data;
  const needsAcceptance = (p?.contractChanges.length ?? 0) > 0;
  const others = p?.endpoints.filter((e) => e.id !== endpoint.id) ?? [];
  return (
    <ConfirmDialog
      title={`Promote ${targetLabel}?`}
      confirmLabel={p?.alias ? `Move @${p.alias.name} and promote` : "Promote"}
      pending={promote.isPending}
      error={preview.error?.message ?? promote.error?.message}
      confirmDisabled={!p || (needsAcceptance && !accepted)}
      onConfirm={() => promote.mutate({ ...ref, ...target, acceptContractChange: accepted })}
      onCancel={onCancel}
    >
      {!p && !preview.error && <p className="text-slate-500">Checking what this changes…</p>}
      {p && p.alias && (
        <p>
          “{endpoint.name}” follows {p.alias.modelName} @{p.alias.name}: promoting moves the alias to {targetLabel}.{" "}
          {others.length > 0 ? (
            <>These endpoints follow it too and switch as well: {others.map((e) => `“${e.name}”`).join(", ")}.</>
          ) : (
            "No other endpoint follows it."
          )}
        </p>
      )}
      {p && !p.alias && (
        <p>
          “{endpoint.name}” will serve {targetLabel} from now on (the model is loaded before traffic switches). The version it serves now stays available to
          roll back to.
        </p>
      )}
      {p && <ContractChanges changes={p.contractChanges} accepted={accepted} onAcceptedChange={setAccepted} />}
    </ConfirmDialog>
  );
}
