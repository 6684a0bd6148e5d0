"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField } from "@/components/ui/SelectField";
import { TextField } from "@/components/ui/TextField";
import { useTRPC } from "@/components/trpc/client";
import type { AliasMovePreview, RegisteredModelDetail } from "./types";
import { refreshQueries } from "@/components/trpc/refreshQueries";

/** MLflow's conventional names, offered first; any existing alias is offered too. */
const SUGGESTED_ALIASES = ["champion", "challenger"];
/** The version select's value for "remove the alias". */
const REMOVE = "";

interface Props {
  projectId: string;
  model: RegisteredModelDetail;
  initialVersionId: string | null;
  onDone(): void;
}

const version = (n: number | null) => (n === null ? "unset" : `v${n}`);

/**
 * Moves (or sets, or removes) an alias in two steps: choose the alias and version, then confirm
 * what will happen — where it points now and next, the endpoints that follow it and, when their
 * inputs would change, every difference, which must be accepted explicitly.
 */
export function MoveAliasForm({ projectId, model, initialVersionId, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listId = useId();
  const [alias, setAlias] = useState(model.aliases[0]?.name ?? "champion");
  const [versionId, setVersionId] = useState(initialVersionId ?? model.versions[0]?.id ?? REMOVE);
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<AliasMovePreview | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const move = useMutation(
    trpc.registry.moveAlias.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          refreshQueries(queryClient, { queryKey: trpc.registry.get.queryKey({ projectId, registeredModelId: model.id }) }),
          refreshQueries(queryClient, { queryKey: trpc.registry.list.queryKey({ projectId }) }),
        ]);
        onDone();
      },
    }),
  );
  const target = { projectId, registeredModelId: model.id, alias: alias.trim(), versionId: versionId === REMOVE ? null : versionId };

  async function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setReviewing(true);
    setError(null);
    try {
      setPreview(await queryClient.fetchQuery({ ...trpc.registry.previewAliasMove.queryOptions(target), staleTime: 0 }));
      setAccepted(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setReviewing(false);
    }
  }

  const aliasNames = [...new Set([...model.aliases.map((a) => a.name), ...SUGGESTED_ALIASES])];
  if (preview === null)
    return (
      <form onSubmit={review} onKeyDown={(e) => e.key === "Escape" && onDone()} className="flex flex-col gap-3" aria-label="Move alias">
        <div className="flex flex-wrap items-end gap-3">
          <TextField label="Alias" list={listId} value={alias} onChange={(e) => setAlias(e.target.value)} required autoFocus />
          <datalist id={listId}>
            {aliasNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <SelectField
            label="Points at"
            value={versionId}
            onChange={(e) => setVersionId(e.target.value)}
            options={[
              ...model.versions.map((v) => ({ value: v.id, label: `v${v.number}${v.aliases.length ? ` (${v.aliases.join(", ")})` : ""}` })),
              { value: REMOVE, label: "nothing (remove the alias)" },
            ]}
          />
          <TextField label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} className="min-w-64 flex-1" />
        </div>
        {error && <Alert>{error}</Alert>}
        <div className="flex gap-2">
          <Button type="submit" disabled={reviewing || alias.trim() === ""}>
            {reviewing ? "Checking…" : "Review move"}
          </Button>
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    );

  const unchanged = preview.fromVersionId === preview.toVersionId;
  const needsAcceptance = preview.contractChanges.length > 0;
  return (
    <div role="group" aria-label="Confirm alias move" className="flex flex-col gap-3" onKeyDown={(e) => e.key === "Escape" && setPreview(null)}>
      <p className="text-sm font-medium" data-testid="alias-move-summary">
        {preview.alias}: {version(preview.fromVersionNumber)} → {preview.toVersionId === null ? "removed" : version(preview.toVersionNumber)}; endpoints
        following it: {preview.deployments.length === 0 ? "none" : preview.deployments.map((d) => d.name).join(", ")}
      </p>
      {unchanged && <Alert tone="info">{`${preview.alias} already points there; nothing to do.`}</Alert>}
      {!unchanged && preview.toVersionId === null && preview.deployments.length > 0 && (
        <Alert tone="info">The endpoints keep serving their current version until the alias is set again.</Alert>
      )}
      {needsAcceptance && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="alert">
          <p className="font-medium">This version expects different inputs than the endpoints serve now; their clients must change:</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.contractChanges.map((change) => (
              <li key={change.deploymentId}>
                <span className="font-medium">{change.deploymentName}</span>: {change.differences.join("; ")}
              </li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />I accept that the endpoint&apos;s contract changes
          </label>
        </div>
      )}
      {move.error && <Alert>{move.error.message}</Alert>}
      <div className="flex gap-2">
        <Button
          type="button"
          disabled={unchanged || move.isPending || (needsAcceptance && !accepted)}
          onClick={() => move.mutate({ ...target, reason: reason.trim() || undefined, acceptContractChange: needsAcceptance ? accepted : undefined })}
        >
          {move.isPending
            ? "Moving…"
            : preview.toVersionId === null
              ? `Remove ${preview.alias}`
              : `Move ${preview.alias} to ${version(preview.toVersionNumber)}`}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setPreview(null)}>
          Back
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
