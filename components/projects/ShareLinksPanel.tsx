"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { SelectField } from "@/components/ui/SelectField";
import { formatDate } from "@/components/ui/formatDate";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

const ROLE_OPTIONS = [
  { value: "viewer", label: "viewer" },
  { value: "editor", label: "editor" },
];
const EXPIRY_OPTIONS = [
  { value: "0", label: "never" },
  { value: "1", label: "in 1 day" },
  { value: "7", label: "in 7 days" },
  { value: "30", label: "in 30 days" },
];

function linkStatus(link: { revokedAt: Date | null; expiresAt: Date | null }): string {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= Date.now()) return "expired";
  return "active";
}

export function ShareLinksPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const links = useQuery(trpc.shareLink.list.queryOptions({ projectId }));
  const invalidate = () => refreshQueries(queryClient, { queryKey: trpc.shareLink.list.queryKey({ projectId }) });
  const create = useMutation(trpc.shareLink.create.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.shareLink.revoke.mutationOptions({ onSuccess: invalidate }));
  const [origin] = useState(() => (typeof window === "undefined" ? "" : window.location.origin));

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = Number(form.get("expiresInDays"));
    create.mutate({
      projectId,
      role: form.get("role") === "editor" ? "editor" : "viewer",
      expiresInDays: days > 0 ? days : null,
    });
  }

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 font-semibold">Share links</h2>
      <form onSubmit={onCreate} className="mb-4 flex flex-wrap items-end gap-3">
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} />
        <SelectField label="Expires" name="expiresInDays" options={EXPIRY_OPTIONS} />
        <Button type="submit" disabled={create.isPending}>
          Create link
        </Button>
      </form>
      {create.data && (
        <div className="mb-4 flex flex-col gap-2" data-testid="new-share-link">
          <Alert tone="success">Copy this link now: it will not be shown again.</Alert>
          <CopyField label="Share link" value={`${origin}${create.data.path}`} />
        </div>
      )}
      {(links.error ?? create.error ?? revoke.error) && <Alert>{(links.error ?? create.error ?? revoke.error)?.message}</Alert>}
      <table className="w-full text-sm" aria-label="Share links">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 font-medium">Link</th>
            <th className="py-1 font-medium">Role</th>
            <th className="py-1 font-medium">Expires</th>
            <th className="py-1 font-medium">Uses</th>
            <th className="py-1 font-medium">Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {links.data?.map((link) => {
            const status = linkStatus(link);
            return (
              <tr key={link.id} className="border-t border-slate-100">
                <td className="py-2 font-mono text-xs">{link.prefix}…</td>
                <td className="py-2">{link.role}</td>
                <td className="py-2">{formatDate(link.expiresAt)}</td>
                <td className="py-2">{link.uses}</td>
                <td className="py-2">{status}</td>
                <td className="py-2 text-right">
                  {status === "active" && (
                    <Button variant="ghost" onClick={() => revoke.mutate({ projectId, linkId: link.id })}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
