"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { BatchPredictionPanel } from "@/components/batchPredictions/BatchPredictionPanel";
import { Alert } from "@/components/ui/Alert";
import { CopyField } from "@/components/ui/CopyField";
import { useTRPC } from "@/components/trpc/client";
import { CanaryPanel } from "./CanaryPanel";
import { DeploymentHeader } from "./DeploymentHeader";
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
  const ref = { projectId, deploymentId };
  const project = useQuery(trpc.project.get.queryOptions({ projectId }));
  const deployment = useQuery(trpc.deployment.get.queryOptions(ref));
  const [key, setKey] = useState<string | null>(null);
  const [origin, setOrigin] = useState("");
  useEffect(() => {
    setKey(takeKey(deploymentId));
    setOrigin(window.location.origin);
  }, [deploymentId]);

  if (deployment.error) return <Alert>{deployment.error.message}</Alert>;
  if (!deployment.data || !project.data) return <p className="text-sm text-slate-500">Loading deployment…</p>;
  const d = deployment.data;
  const canEdit = project.data.role !== "viewer";
  const url = `${origin}${d.path}`;
  const body = exampleBody(d);
  return (
    <div className="flex flex-col gap-6">
      <DeploymentHeader projectId={projectId} deployment={d} role={project.data.role} onKeyIssued={setKey} />
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
      <CanaryPanel projectId={projectId} deploymentId={deploymentId} canEdit={canEdit} />
      {d.current && (
        <BatchPredictionPanel projectId={projectId} model={{ deploymentId }} features={d.current.signature.features.map((f) => f.name)} canEdit={canEdit} />
      )}
      <DeploymentMonitoring projectId={projectId} deploymentId={deploymentId} />
    </div>
  );
}
