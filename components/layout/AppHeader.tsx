"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/Button";

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
        <nav className="flex items-center gap-6 text-sm">
          <Link href="/projects" className="text-lg font-bold tracking-tight text-indigo-700">
            Vajra
          </Link>
          <Link href="/projects" className="text-slate-600 hover:text-slate-900">
            Projects
          </Link>
          <Link href="/settings/tokens" className="text-slate-600 hover:text-slate-900">
            API tokens
          </Link>
          <Link href="/settings/compute" className="text-slate-600 hover:text-slate-900">
            Compute
          </Link>
          <Link href="/settings/account" className="text-slate-600 hover:text-slate-900">
            Account
          </Link>
        </nav>
        <div className="flex items-center gap-3 text-sm text-slate-600">
          <span data-testid="current-user">{email}</span>
          <Button variant="ghost" onClick={() => signOut({ callbackUrl: "/signin" })}>
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}
