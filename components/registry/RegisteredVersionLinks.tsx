"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";

/**
 * Next to a run's Model artifact: the registered versions made from it ("churn v3", linking to the
 * model), or for editors a "Register" link to the artifact's page, where the registry form is.
 */
export function RegisteredVersionLinks({ projectId, artifactId, canEdit }: { projectId: string; artifactId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const held = useQuery(trpc.registry.versionsForArtifact.queryOptions({ projectId, artifactId }));
  if (!held.data) return null;
  if (held.data.length === 0)
    return canEdit ? (
      <Link href={`/projects/${projectId}/artifacts/${artifactId}`} className="mr-2 text-indigo-700 hover:underline">
        Register
      </Link>
    ) : null;
  return (
    <>
      {held.data.map((v) => (
        <Link
          key={v.versionId}
          href={`/projects/${projectId}/models/${v.registeredModelId}`}
          className="mr-2 rounded bg-amber-50 px-1.5 text-amber-800 hover:underline"
        >
          {v.modelName} v{v.number}
        </Link>
      ))}
    </>
  );
}
