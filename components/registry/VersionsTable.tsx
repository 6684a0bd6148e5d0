"use client";

import Link from "next/link";
import { Fragment } from "react";
import { metricLabel, metricValue } from "@/components/metrics/metricText";
import { formatDate } from "@/components/ui/formatDate";
import { AliasChips } from "./AliasChips";
import { DescriptionEditor } from "./DescriptionEditor";
import { metricColumns } from "./metricColumns";
import type { RegisteredVersion } from "./types";

interface Props {
  projectId: string;
  versions: RegisteredVersion[];
  canEdit: boolean;
  onDescribe(versionId: string, description: string): Promise<unknown>;
  /** Opens the alias form with this version chosen. */
  onSetAlias(versionId: string): void;
}

function Lineage({ projectId, version }: { projectId: string; version: RegisteredVersion }) {
  const { lineage } = version;
  const link = "text-indigo-700 hover:underline";
  return (
    <div className="flex flex-col gap-0.5 text-xs">
      {lineage?.pipelineId &&
        (version.pipelineExists ? (
          <Link className={link} href={`/projects/${projectId}/pipelines/${lineage.pipelineId}`}>
            {lineage.pipelineName ?? "pipeline"}
            {lineage.pipelineVersion !== null && ` v${lineage.pipelineVersion}`}
          </Link>
        ) : (
          <span className="text-slate-500" title="The pipeline was deleted; this version and its model are kept.">
            {lineage.pipelineName ?? "pipeline"} (deleted)
          </span>
        ))}
      {lineage?.runId &&
        (version.runExists ? (
          <Link className={link} href={`/projects/${projectId}/runs?run=${lineage.runId}`}>
            run · node {lineage.nodeId}
          </Link>
        ) : (
          <span className="text-slate-500">run deleted · node {lineage.nodeId}</span>
        ))}
      <Link className={link} href={`/projects/${projectId}/artifacts/${version.artifactId}`}>
        model lineage
      </Link>
    </div>
  );
}

/** The versions of a registered model, newest first, with their metrics side by side (the best in each column highlighted). */
export function VersionsTable({ projectId, versions, canEdit, onDescribe, onSetAlias }: Props) {
  const columns = metricColumns(versions);
  const columnCount = 6 + columns.length;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Versions">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="p-2">Version</th>
            <th className="p-2">Aliases</th>
            {columns.map((c) => (
              <th key={c.name} className="p-2 text-right whitespace-nowrap">
                {metricLabel(c.name)}
              </th>
            ))}
            <th className="p-2">Inputs</th>
            <th className="p-2">Lineage</th>
            <th className="p-2">Serving</th>
            <th className="p-2">Registered</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <Fragment key={v.id}>
              <tr className="border-t border-slate-200 align-top" data-testid={`version-${v.number}`}>
                <td className="p-2 font-semibold">v{v.number}</td>
                <td className="p-2">
                  <div className="flex flex-col items-start gap-1">
                    {v.aliases.length > 0 && <AliasChips aliases={v.aliases.map((name) => ({ name, versionNumber: null }))} />}
                    {canEdit && (
                      <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => onSetAlias(v.id)}>
                        Set alias…
                      </button>
                    )}
                  </div>
                </td>
                {columns.map((c) => {
                  const value = v.metrics[c.name];
                  const best = value !== undefined && value === c.best;
                  return (
                    <td key={c.name} className={`p-2 text-right font-mono text-xs ${best ? "font-semibold text-emerald-700" : ""}`}>
                      {value === undefined ? "–" : metricValue(c.name, value)}
                      {best && <span className="sr-only"> (best)</span>}
                    </td>
                  );
                })}
                <td className="p-2 text-xs">
                  <details>
                    <summary className="cursor-pointer">
                      {v.signature.features.length} features → {v.signature.target}
                    </summary>
                    <ul className="mt-1 font-mono">
                      {v.signature.features.map((f) => (
                        <li key={f.name}>
                          {f.name}: {f.type}
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
                <td className="p-2">
                  <Lineage projectId={projectId} version={v} />
                </td>
                <td className="p-2 text-xs">
                  {v.deployments.length === 0 && <span className="text-slate-400">not deployed</span>}
                  {v.deployments.map((d) => (
                    <div key={`${d.id}-${d.role}`}>
                      <Link className="text-indigo-700 hover:underline" href={`/projects/${projectId}/deployments/${d.id}`}>
                        {d.name}
                      </Link>
                      <span className="text-slate-500">
                        {" "}
                        · {d.status}
                        {d.role === "canary" && " · canary"}
                      </span>
                    </div>
                  ))}
                </td>
                <td className="p-2 text-xs whitespace-nowrap text-slate-600">
                  {v.createdBy || "unknown"}
                  <br />
                  {formatDate(v.createdAt)}
                </td>
              </tr>
              <tr>
                <td />
                <td colSpan={columnCount - 1} className="px-2 pb-2">
                  <DescriptionEditor subject={`v${v.number}`} description={v.description} canEdit={canEdit} onSave={(text) => onDescribe(v.id, text)} />
                </td>
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
