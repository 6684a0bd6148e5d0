"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { useTRPC } from "@/components/trpc/client";
import { metricsSummary, registeredVersionLabel, unregisteredModelLabel } from "./modelLabels";
import type { PromoteTarget } from "./PromoteDialog";

/** A choice's value in the select: the kind of target, then its id. */
function targetOf(value: string): PromoteTarget | null {
  const [kind, id] = value.split(":", 2);
  if (!id) return null;
  return kind === "version" ? { registeredVersionId: id } : { artifactId: id };
}

/**
 * Picks what to promote: registered versions by model, number, aliases and metrics, then models
 * not registered yet (registered under the endpoint's model on promote). An endpoint that follows
 * an alias is offered only its own model's versions, since the alias belongs to that model.
 */
export function PromotePicker({
  projectId,
  onlyModelId,
  servingVersionId,
  onPick,
}: {
  projectId: string;
  onlyModelId: string | null;
  /** The registered version served now: listed, but there is nothing to promote. */
  servingVersionId: string | null;
  onPick(target: PromoteTarget, label: string): void;
}) {
  const trpc = useTRPC();
  const models = useQuery(trpc.deployment.models.queryOptions({ projectId }));
  const [value, setValue] = useState("");
  const registered = (models.data?.registered ?? []).filter((m) => onlyModelId === null || m.id === onlyModelId);
  const unregistered = models.data?.unregistered ?? [];
  const labels = new Map<string, string>([
    ...registered.flatMap((m) => m.versions.map((v) => [`version:${v.id}`, registeredVersionLabel(m.name, v.number, v.aliases)] as const)),
    ...unregistered.map((m) => [`artifact:${m.artifactId}`, unregisteredModelLabel(m)] as const),
  ]);
  const target = targetOf(value);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label="Model to promote"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="max-w-md rounded-md border border-slate-300 px-2 py-1 text-xs"
      >
        <option value="">{models.isLoading ? "Loading models…" : labels.size === 0 ? "No models to promote yet" : "Choose a model…"}</option>
        {registered.map((m) => (
          <optgroup key={m.id} label={m.name}>
            {m.versions.map((v) => (
              <option key={v.id} value={`version:${v.id}`} disabled={v.id === servingVersionId}>
                {registeredVersionLabel(m.name, v.number, v.aliases)}
                {v.id === servingVersionId ? " (serving now)" : ""}
                {Object.keys(v.metrics).length > 0 ? ` — ${metricsSummary(v.metrics)}` : ""}
                {v.pipelineName ? ` — ${v.pipelineName}` : ""}
              </option>
            ))}
          </optgroup>
        ))}
        {unregistered.length > 0 && (
          <optgroup label="Not registered yet">
            {unregistered.map((m) => (
              <option key={m.artifactId} value={`artifact:${m.artifactId}`}>
                {unregisteredModelLabel(m)}
                {Object.keys(m.metrics).length > 0 ? ` — ${metricsSummary(m.metrics)}` : ""}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <Button disabled={target === null} onClick={() => target && onPick(target, labels.get(value) ?? "this model")}>
        Promote…
      </Button>
    </div>
  );
}
