"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { TextField } from "@/components/ui/TextField";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

export function ApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.apiToken.list.queryOptions());
  const invalidate = () => refreshQueries(queryClient, { queryKey: trpc.apiToken.list.queryKey() });
  const create = useMutation(trpc.apiToken.create.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.apiToken.revoke.mutationOptions({ onSuccess: invalidate }));
  const [formKey, setFormKey] = useState(0);

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name"));
    create.mutate({ name }, { onSuccess: () => setFormKey((k) => k + 1) });
  }

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="text-sm text-slate-500">
          Use a token as <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code> with the typed tRPC client. It acts with your
          permissions in every project.
        </p>
      </div>
      <form key={formKey} onSubmit={onCreate} className="flex items-end gap-2">
        <TextField label="Token name" name="name" placeholder="e.g. laptop script" />
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>
      {create.data && (
        <div className="flex flex-col gap-2" data-testid="new-api-token">
          <Alert tone="success">Copy this token now: it will not be shown again.</Alert>
          <CopyField label="API token" value={create.data.token} />
        </div>
      )}
      {(tokens.error ?? create.error ?? revoke.error) && <Alert>{(tokens.error ?? create.error ?? revoke.error)?.message}</Alert>}
      <table className="w-full text-sm" aria-label="API tokens">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 font-medium">Token</th>
            <th className="py-1 font-medium">Created</th>
            <th className="py-1 font-medium">Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.data?.map((t) => (
            <tr key={t.id} className="border-t border-slate-100">
              <td className="py-2">{t.name}</td>
              <td className="py-2 font-mono text-xs">{t.prefix}…</td>
              <td className="py-2">{formatDate(t.createdAt)}</td>
              <td className="py-2">{formatDate(t.lastUsedAt)}</td>
              <td className="py-2 text-right">
                <Button variant="ghost" onClick={() => revoke.mutate({ tokenId: t.id })}>
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.data?.length === 0 && <p className="text-sm text-slate-500">No tokens yet.</p>}
    </div>
  );
}
