"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { AliasHistory } from "./AliasHistory";
import { DescriptionEditor } from "./DescriptionEditor";
import { MoveAliasForm } from "./MoveAliasForm";
import { VersionsTable } from "./VersionsTable";
import { VersionBatchPredictions } from "./VersionBatchPredictions";
import { refreshQueries } from "@/components/trpc/refreshQueries";

const panel = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

/** One registered model: description, aliases (moved with a confirmation), versions side by side, and the aliases' history. */
export function ModelDetailPage({ projectId, modelId }: { projectId: string; modelId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { projectId, registeredModelId: modelId };
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const model = useQuery(trpc.registry.get.queryOptions(ref));
  // null: the alias form is closed; otherwise the version it opens with ("" for the newest).
  const [aliasFormFor, setAliasFormFor] = useState<string | null>(null);
  const describe = useMutation(
    trpc.registry.setDescription.mutationOptions({
      onSuccess: () =>
        Promise.all([
          refreshQueries(queryClient, { queryKey: trpc.registry.get.queryKey(ref) }),
          refreshQueries(queryClient, { queryKey: trpc.registry.list.queryKey({ projectId }) }),
        ]),
    }),
  );

  if (model.error)
    return (
      <div className="flex flex-col gap-3">
        <Alert>{model.error.message}</Alert>
        <Link href={`/projects/${projectId}/models`} className="text-sm text-indigo-700 hover:underline">
          All models
        </Link>
      </div>
    );
  if (!model.data || !project.data) return <p className="text-sm text-slate-500">Loading model…</p>;
  const m = model.data;
  const canEdit = project.data.role !== "viewer";
  const openAliasForm = (versionId: string) => {
    setAliasFormFor(versionId);
    document.getElementById("aliases")?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{m.name}</h1>
        <Link href={`/projects/${projectId}/models`} className="text-sm text-indigo-700 hover:underline">
          All models
        </Link>
      </div>
      <DescriptionEditor
        subject="model"
        description={m.description}
        canEdit={canEdit}
        onSave={(description) => describe.mutateAsync({ ...ref, description })}
      />

      <section id="aliases" className={panel} aria-label="Aliases">
        <div className="mb-2 flex items-center justify-between">
          <h2 className="font-semibold">Aliases</h2>
          {canEdit && aliasFormFor === null && m.versions.length > 0 && (
            <Button variant="secondary" onClick={() => setAliasFormFor("")}>
              Move alias
            </Button>
          )}
        </div>
        {m.aliases.length === 0 && aliasFormFor === null && (
          <p className="text-sm text-slate-500">
            No aliases yet.{canEdit ? " Point “champion” at the version endpoints should serve; endpoints that follow it switch when it moves." : ""}
          </p>
        )}
        {m.aliases.length > 0 && (
          <ul className="mb-3 flex flex-col gap-1 text-sm">
            {m.aliases.map((a) => (
              <li key={a.name}>
                <span className="font-medium">{a.name}</span> → v{a.versionNumber ?? "?"}
                <span className="text-slate-500"> · since {formatDate(a.updatedAt)}</span>
                {a.following.length > 0 && (
                  <span className="text-slate-500">
                    {" "}
                    · followed by{" "}
                    {a.following.map((d, i) => (
                      <span key={d.id}>
                        {i > 0 && ", "}
                        <Link className="text-indigo-700 hover:underline" href={`/projects/${projectId}/deployments/${d.id}`}>
                          {d.name}
                        </Link>
                      </span>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && aliasFormFor !== null && (
          <MoveAliasForm
            key={aliasFormFor}
            projectId={projectId}
            model={m}
            initialVersionId={aliasFormFor === "" ? null : aliasFormFor}
            onDone={() => setAliasFormFor(null)}
          />
        )}
      </section>

      <section className={panel} aria-label="Versions">
        <h2 className="mb-2 font-semibold">Versions</h2>
        {m.versions.length === 0 ? (
          <p className="text-sm text-slate-500">No versions.</p>
        ) : (
          <VersionsTable
            projectId={projectId}
            versions={m.versions}
            canEdit={canEdit}
            onDescribe={(versionId, description) => describe.mutateAsync({ ...ref, versionId, description })}
            onSetAlias={openAliasForm}
          />
        )}
      </section>

      {m.versions.length > 0 && <VersionBatchPredictions projectId={projectId} modelName={m.name} versions={m.versions} canEdit={canEdit} />}

      <section className={panel} aria-label="History">
        <h2 className="mb-2 font-semibold">Alias history</h2>
        <AliasHistory history={m.history} />
      </section>
    </div>
  );
}
