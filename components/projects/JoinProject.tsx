"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { useTRPC } from "@/components/trpc/client";

export function JoinProject({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = useQuery({ ...trpc.shareLink.preview.queryOptions({ token }), retry: false });
  const accept = useMutation(trpc.shareLink.accept.mutationOptions({ onSuccess: ({ projectId }) => router.push(`/projects/${projectId}`) }));

  return (
    <main className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
      <Link href="/projects" className="text-2xl font-bold tracking-tight text-indigo-700">
        Vajra
      </Link>
      <div className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        {preview.isPending && <p className="text-sm text-slate-500">Checking the link…</p>}
        {preview.error && <Alert>{preview.error.message}</Alert>}
        {preview.data && (
          <>
            <h1 className="text-lg font-semibold">Join “{preview.data.project.name}”</h1>
            <p className="text-sm text-slate-600">
              This link gives you the <strong>{preview.data.role}</strong> role.
              {preview.data.currentRole && ` You are already a ${preview.data.currentRole} here.`}
            </p>
            {accept.error && <Alert>{accept.error.message}</Alert>}
            <Button disabled={accept.isPending} onClick={() => accept.mutate({ token })}>
              {preview.data.currentRole ? "Open project" : "Join project"}
            </Button>
          </>
        )}
      </div>
    </main>
  );
}
