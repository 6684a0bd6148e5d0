"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { parseRole, ROLES } from "@/contracts/projectRoles";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

export function MembersPanel({ projectId, isOwner }: { projectId: string; isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.member.list.queryOptions({ projectId }));
  const invalidate = () => refreshQueries(queryClient, { queryKey: trpc.member.list.queryKey({ projectId }) });
  const setRole = useMutation(trpc.member.setRole.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess: invalidate }));
  const error = members.error ?? setRole.error ?? remove.error;

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 font-semibold">Members</h2>
      {error && <Alert>{error.message}</Alert>}
      <table className="w-full text-sm" aria-label="Members">
        <tbody>
          {members.data?.map((m) => (
            <tr key={m.userId} className="border-t border-slate-100">
              <td className="py-2">
                <div>{m.name || m.email}</div>
                {m.name && <div className="text-xs text-slate-500">{m.email}</div>}
              </td>
              <td className="py-2 text-right">
                {isOwner ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    onChange={(e) => setRole.mutate({ projectId, userId: m.userId, role: parseRole(e.target.value) })}
                    className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="text-slate-600">{m.role}</span>
                )}
              </td>
              {isOwner && (
                <td className="w-24 py-2 text-right">
                  <Button variant="ghost" onClick={() => remove.mutate({ projectId, userId: m.userId })}>
                    Remove
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
