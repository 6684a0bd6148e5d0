"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { useTRPC } from "@/components/trpc/client";
import { DeploymentMonitoring } from "./DeploymentMonitoring";
import { takeKey } from "./oneTimeKey";
import { TryItForm } from "./TryItForm";
import { VersionsPanel } from "./VersionsPanel";
import type { RouterOutputs } from "./types";

type Deployment = RouterOutputs["deployment"]["get"];

/** An example body built from the serving version's signature, so it always matches what the endpoint accepts. */
function exampleBody(deployment: Deployment): string {
  const sample: Record<string, unknown> = {};
  for (const f of deployment.current?.signature.features ?? [])
    sample[f.name] = f.type === "category" || f.type === "text" ? "" : f.type === "boolean" ? false : 0;
  return JSON.stringify({ instances: [{ key: "row-1", features: sample }] }, null, 2);
}

function Examples({ url, body }: { url: string; body: string }) {
  const curl = `curl -X POST ${url} \\\n  -H "Authorization: Bearer $VAJRA_DEPLOYMENT_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${body.replace(/\s+/g, " ")}'`;
  const ts = `const response = await fetch("${url}", {\n  method: "POST",\n  headers: { authorization: \`Bearer \${process.env.VAJRA_DEPLOYMENT_KEY}\`, "content-type": "application/json" },\n  body: JSON.stringify(${body.replace(/\s+/g, " ")}),\n});\nconst { predictions } = await response.json();`;
  return (
    <section aria-label="Examples" className="grid gap-2 lg:grid-cols-2">
      <pre className="overflow-auto rounded-md bg-slate-900 p-2 text-xs text-slate-100">{curl}</pre>
      <pre className="overflow-auto rounded-md bg-slate-900 p-2 text-xs text-slate-100">{ts}</pre>
    </section>
  );
}

export function DeploymentPage({ projectId, deploymentId }: { projectId: string; deploymentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { projectId, deploymentId };
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const deployment = useQuery(trpc.deployment.get.queryOptions(ref));
  const [key, setKey] = useState<string | null>(null);
  const [origin, setOrigin] = useState("");
  useEffect(() => {
    setKey(takeKey(deploymentId));
    setOrigin(window.location.origin);
  }, [deploymentId]);
  const onSuccess = (next: Deployment) => queryClient.setQueryData(trpc.deployment.get.queryKey(ref), next);
  const setStatus = useMutation(trpc.deployment.setStatus.mutationOptions({ onSuccess }));
  const setPublic = useMutation(trpc.deployment.setPublic.mutationOptions({ onSuccess }));
  const rotate = useMutation(trpc.deployment.rotateKey.mutationOptions({ onSuccess: (issued) => setKey(issued.key) }));

  if (deployment.error) return <Alert>{deployment.error.message}</Alert>;
  if (!deployment.data || !project.data) return <p className="text-sm text-slate-500">Loading deployment…</p>;
  const d = deployment.data;
  const canEdit = project.data.role !== "viewer";
  const url = `${origin}${d.path}`;
  const body = exampleBody(d);
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold text-slate-900">{d.name}</h1>
        <span
          data-testid="deployment-status"
          className={`rounded px-2 py-0.5 text-xs ${d.status === "active" ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}
        >
          {d.status}
        </span>
        {d.public && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">public</span>}
        {canEdit && (
          <div className="ml-auto flex gap-2">
            <Button variant="secondary" onClick={() => setStatus.mutate({ ...ref, status: d.status === "active" ? "stopped" : "active" })}>
              {d.status === "active" ? "Stop" : "Start"}
            </Button>
            {project.data.role === "owner" && (
              <Button variant="secondary" onClick={() => setPublic.mutate({ ...ref, public: !d.public })}>
                {d.public ? "Require a key" : "Make public"}
              </Button>
            )}
            <Button variant="secondary" onClick={() => rotate.mutate(ref)}>
              Rotate key
            </Button>
          </div>
        )}
      </header>
      <CopyField label="Endpoint URL" value={url} />
      {key ? (
        <div data-testid="new-deployment-key" className="flex flex-col gap-1">
          <CopyField label="API key" value={key} />
          <p className="text-xs text-amber-700">Copy the key now: it is not shown again.</p>
        </div>
      ) : (
        <p className="text-xs text-slate-500">Key {d.keyPrefix ?? "none"}… (rotate it to get a new one).</p>
      )}
      <Examples url={url} body={body} />
      <TryItForm key={key ?? "no-key"} path={d.path} apiKey={key ?? ""} example={body} />
      <VersionsPanel projectId={projectId} deployment={d} canEdit={canEdit} />
      <DeploymentMonitoring projectId={projectId} deploymentId={deploymentId} />
    </div>
  );
}
