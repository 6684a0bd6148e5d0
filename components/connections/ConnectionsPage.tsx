"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { sqliteFolder } from "@/contracts/sqliteFolder";
import { ConnectionForm, type ConnectionDraft } from "./ConnectionForm";
import { ProjectSectionHeader } from "@/components/layout/ProjectSectionHeader";
import { refreshQueries } from "@/components/trpc/refreshQueries";

type TestOutcome = { ok: boolean; message: string } | "testing";

/**
 * The project's database connections for SQL query nodes. Editors add, edit, test and delete them;
 * viewers see the names only (the server sends them nothing more).
 */
export function ConnectionsPage({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connections = useQuery(trpc.connection.list.queryOptions({ projectId }));
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const [tests, setTests] = useState<Record<string, TestOutcome>>({});
  const refresh = () => refreshQueries(queryClient, { queryKey: trpc.connection.list.queryKey({ projectId }) });
  const closeForm = () => setEditing(null);
  const create = useMutation(trpc.connection.create.mutationOptions({ onSuccess: () => (closeForm(), refresh()) }));
  const update = useMutation(trpc.connection.update.mutationOptions({ onSuccess: () => (closeForm(), refresh()) }));
  const remove = useMutation(trpc.connection.delete.mutationOptions({ onSuccess: () => (setDeleting(null), refresh()) }));
  const test = useMutation(trpc.connection.test.mutationOptions());

  const list = connections.data;
  const canEdit = list?.editable === true;
  const editable = list?.editable ? list.connections : [];
  const names = list?.editable === false ? list.connections : [];
  const current = editable.find((row) => row.id === editing);

  const runTest = (id: string) => {
    setTests((all) => ({ ...all, [id]: "testing" }));
    test.mutate(
      { projectId, connectionId: id },
      {
        onSuccess: (result) => setTests((all) => ({ ...all, [id]: result })),
        onError: (error) => setTests((all) => ({ ...all, [id]: { ok: false, message: error.message } })),
      },
    );
  };
  const save = (draft: ConnectionDraft) => {
    if (current) update.mutate({ projectId, connectionId: current.id, connection: draft });
    else create.mutate({ projectId, connection: { ...draft, ...(draft.kind === "postgres" ? { password: draft.password ?? "" } : {}) } });
  };

  return (
    <div className="flex flex-col gap-6">
      <ProjectSectionHeader projectId={projectId} title="Connections" />
      <p className="text-sm text-slate-600">
        Databases the project&apos;s SQL query nodes read from. Queries run on a server worker, read-only, with a row and time limit.
      </p>
      {connections.error && <Alert>{connections.error.message}</Alert>}
      {!connections.data && !connections.error && <p className="text-sm text-slate-500">Loading connections…</p>}
      {list?.connections.length === 0 && (
        <Alert tone="info">
          No connections yet.{canEdit ? " Add a PostgreSQL database or an SQLite file, then read it with a SQL query node." : " An editor can add one."}
        </Alert>
      )}
      {names.length > 0 && (
        <ul className="flex flex-col divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm shadow-sm" aria-label="Connections">
          {names.map((row) => (
            <li key={row.name} className="p-2 font-medium" data-testid={`connection-${row.name}`}>
              {row.name}
            </li>
          ))}
        </ul>
      )}
      {editable.length > 0 && (
        <table className="w-full rounded-xl border border-slate-200 bg-white text-sm shadow-sm" aria-label="Connections">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="p-2">Name</th>
              <th className="p-2">Kind</th>
              <th className="p-2">Where</th>
              <th className="p-2 text-right">Actions</th>
            </tr>
          </thead>
          <tbody>
            {editable.map((row) => {
              const outcome = tests[row.id];
              return (
                <tr key={row.id} className="border-t border-slate-100 align-top" data-testid={`connection-${row.name}`}>
                  <td className="p-2 font-medium">{row.name}</td>
                  <td className="p-2">{row.kind === "postgres" ? "PostgreSQL" : "SQLite"}</td>
                  <td className="p-2 font-mono text-xs text-slate-600">
                    {row.kind === "postgres"
                      ? `${row.config.user}@${row.config.host}:${row.config.port}/${row.config.database}${row.config.ssl ? " (SSL)" : ""}`
                      : row.config.path}
                    {outcome && (
                      <p
                        role="status"
                        className={`mt-1 font-sans ${outcome === "testing" ? "text-slate-500" : outcome.ok ? "text-emerald-700" : "text-rose-700"}`}
                      >
                        {outcome === "testing" ? "Testing…" : outcome.message}
                      </p>
                    )}
                  </td>
                  <td className="p-2">
                    <div className="flex justify-end gap-1">
                      <Button variant="secondary" onClick={() => runTest(row.id)} disabled={outcome === "testing"}>
                        Test
                      </Button>
                      <Button variant="ghost" onClick={() => setEditing(row.id)}>
                        Edit
                      </Button>
                      <Button variant="ghost" onClick={() => setDeleting({ id: row.id, name: row.name })}>
                        Delete
                      </Button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {canEdit && editing === null && (
        <div>
          <Button onClick={() => setEditing("new")}>Add connection</Button>
        </div>
      )}
      {canEdit && editing !== null && (
        <ConnectionForm
          key={editing}
          sqliteFolder={sqliteFolder(projectId)}
          {...(current ? { initial: current } : {})}
          pending={create.isPending || update.isPending}
          error={(current ? update.error : create.error)?.message ?? null}
          onSubmit={save}
          onCancel={closeForm}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete connection “${deleting.name}”?`}
          confirmLabel="Delete connection"
          tone="danger"
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate({ projectId, connectionId: deleting.id })}
          onCancel={() => setDeleting(null)}
        >
          <p>SQL query nodes that read “{deleting.name}” will fail until a connection of that name is added again. The stored password is deleted.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
