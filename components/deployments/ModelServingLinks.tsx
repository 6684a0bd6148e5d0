"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";

/** Links to the endpoints serving exactly this Model artifact now, for wherever a run's model is shown. */
export function ModelServingLinks({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const trpc = useTRPC();
  const existing = useQuery(trpc.deployment.existingFor.queryOptions({ projectId, artifactId }));
  const serving = (existing.data?.endpoints ?? []).filter((e) => e.servesIt);
  if (serving.length === 0) return null;
  return (
    <span className="mr-2 text-slate-600">
      Served by{" "}
      {serving.map((e, i) => (
        <span key={e.id}>
          {i > 0 && ", "}
          <Link href={`/projects/${projectId}/deployments/${e.id}`} className="text-indigo-700 hover:underline">
            {e.name}
          </Link>
        </span>
      ))}
    </span>
  );
}
