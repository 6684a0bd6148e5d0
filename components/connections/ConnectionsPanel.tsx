"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";

/** The project page's Connections section: the connection names, linking to the page where editors manage them. */
export function ConnectionsPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const connections = useQuery(trpc.connection.list.queryOptions({ projectId }));
  const names = connections.data?.connections.map((c) => c.name) ?? [];
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Connections">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-semibold">Connections</h2>
        <Link href={`/projects/${projectId}/connections`} className="text-sm text-indigo-700 hover:underline">
          {connections.data?.editable ? "Manage connections" : "All connections"}
        </Link>
      </div>
      {connections.error && <p className="text-sm text-rose-600">{connections.error.message}</p>}
      {connections.data && names.length === 0 && (
        <p className="text-sm text-slate-500">No database connections yet: add a PostgreSQL database or an SQLite file to read it with a SQL query node.</p>
      )}
      {names.length > 0 && <p className="text-sm text-slate-700">{names.join(" · ")}</p>}
    </section>
  );
}
