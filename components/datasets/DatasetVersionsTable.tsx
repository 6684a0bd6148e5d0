"use client";

import { HeaderRow } from "@/components/ui/HeaderRow";
import { formatDate } from "@/components/ui/formatDate";
import { formatBytes } from "./uploadDataset";

export interface ListedVersion {
  id: string;
  number: number;
  fileName: string;
  rowCount: number;
  columnCount: number;
  bytes: number;
  createdAt: Date;
  createdBy: { email: string; name: string | null };
}

/** Where a version's file downloads from (viewers may too): the stored bytes, saved under the uploaded file's name. */
export function versionDownloadHref(projectId: string, versionId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/datasets?${new URLSearchParams({ version: versionId })}`;
}

/** Every version, newest first: who uploaded it when, its shape and file; each can be previewed and downloaded. */
export function DatasetVersionsTable(props: { projectId: string; versions: ListedVersion[]; previewed: string | null; onPreview(versionId: string): void }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Versions">
        <HeaderRow labels={["version", "uploaded by", "when", "rows", "columns", "size", "file", ""]} />
        <tbody>
          {props.versions.map((v) => (
            <tr key={v.id} className={`border-t border-slate-100 ${props.previewed === v.id ? "bg-indigo-50" : ""}`}>
              <td className="px-2 py-1 font-medium">v{v.number}</td>
              <td className="px-2 py-1">{v.createdBy.name ?? v.createdBy.email}</td>
              <td className="px-2 py-1 whitespace-nowrap text-slate-600">{formatDate(v.createdAt)}</td>
              <td className="px-2 py-1">{v.rowCount.toLocaleString("en")}</td>
              <td className="px-2 py-1">{v.columnCount.toLocaleString("en")}</td>
              <td className="px-2 py-1 whitespace-nowrap">{formatBytes(v.bytes)}</td>
              <td className="max-w-48 truncate px-2 py-1 text-slate-600" title={v.fileName}>
                {v.fileName}
              </td>
              <td className="px-2 py-1 whitespace-nowrap">
                <button
                  type="button"
                  className="mr-3 text-indigo-700 hover:underline disabled:text-slate-400 disabled:no-underline"
                  onClick={() => props.onPreview(v.id)}
                  disabled={props.previewed === v.id}
                  aria-label={`Preview version ${v.number}`}
                >
                  {props.previewed === v.id ? "Previewing" : "Preview"}
                </button>
                <a
                  href={versionDownloadHref(props.projectId, v.id)}
                  download={v.fileName}
                  className="text-indigo-700 hover:underline"
                  aria-label={`Download version ${v.number}`}
                >
                  Download
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
