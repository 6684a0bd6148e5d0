"use client";

import { useState } from "react";
import { BatchPredictionPanel } from "@/components/batchPredictions/BatchPredictionPanel";
import type { RegisteredVersion } from "./types";

/** Batch predictions with any version of a registered model (the newest unless another is picked), no endpoint needed. */
export function VersionBatchPredictions({
  projectId,
  modelName,
  versions,
  canEdit,
}: {
  projectId: string;
  modelName: string;
  versions: RegisteredVersion[];
  canEdit: boolean;
}) {
  const [versionId, setVersionId] = useState(versions[0]!.id);
  const version = versions.find((v) => v.id === versionId) ?? versions[0]!;
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 text-sm">
        Score with
        <select className="rounded-md border border-slate-300 px-2 py-1 text-sm" value={version.id} onChange={(e) => setVersionId(e.target.value)}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {modelName} v{v.number}
              {v.aliases.length > 0 ? ` · ${v.aliases.join(", ")}` : ""}
            </option>
          ))}
        </select>
      </label>
      <BatchPredictionPanel
        key={version.id}
        projectId={projectId}
        model={{ registeredVersionId: version.id }}
        features={version.signature.features.map((f) => f.name)}
        canEdit={canEdit}
      />
    </div>
  );
}
