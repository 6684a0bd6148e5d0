"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { AliasChips } from "./AliasChips";

/** How many models the project page lists before "All models". */
const SHOWN = 5;

/** The project page's Models section: the most recently changed registered models, linking to the Models page. */
export function ModelsPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const models = useQuery(trpc.registry.list.queryOptions({ projectId }));
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Models">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-semibold">Models</h2>
        <Link href={`/projects/${projectId}/models`} className="text-sm text-indigo-700 hover:underline">
          All models
        </Link>
      </div>
      {models.error && <p className="text-sm text-rose-600">{models.error.message}</p>}
      {models.data?.length === 0 && <p className="text-sm text-slate-500">No registered models yet: register a trained model from its run.</p>}
      <ul className="flex flex-col divide-y divide-slate-100">
        {models.data?.slice(0, SHOWN).map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-3 py-1.5 text-sm">
            <Link href={`/projects/${projectId}/models/${m.id}`} className="font-medium text-indigo-700 hover:underline">
              {m.name}
            </Link>
            <span className="text-xs text-slate-500">
              {m.versionCount} {m.versionCount === 1 ? "version" : "versions"}
            </span>
            <AliasChips aliases={m.aliases} />
          </li>
        ))}
      </ul>
    </section>
  );
}
