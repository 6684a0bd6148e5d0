"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { handOverKey } from "./oneTimeKey";

/** Deploys a Model artifact as a new HTTP endpoint and opens its page, where the key is shown once. */
export function DeployButton({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const deploy = useMutation(
    trpc.deployment.create.mutationOptions({
      onSuccess: (created) => {
        handOverKey(created.id, created.key);
        router.push(`/projects/${projectId}/deployments/${created.id}`);
      },
    }),
  );
  return (
    <button
      type="button"
      className="mr-2 text-indigo-700 hover:underline disabled:text-slate-400"
      disabled={deploy.isPending}
      title={deploy.error?.message}
      onClick={() => deploy.mutate({ projectId, artifactId })}
    >
      {deploy.isPending ? "Deploying…" : deploy.error ? "Deploy failed" : "Deploy"}
    </button>
  );
}
