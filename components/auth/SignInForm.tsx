"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { AuthCard } from "./AuthCard";
import { signInWithCredentials } from "./credentialsSignIn";
import { safeCallbackUrl } from "@/contracts/callbackUrl";

export function SignInForm({ oauthProviders }: { oauthProviders: { id: string; name: string }[] }) {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get("callbackUrl"));
  const [error, setError] = useState<string | null>(params.get("error") ? "Sign-in failed. Try again." : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithCredentials(String(form.get("email")), String(form.get("password")), callbackUrl);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New to Vajra?{" "}
          <Link className="font-medium text-indigo-700" href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="flex flex-col gap-3">
        {error && <Alert>{error}</Alert>}
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oauthProviders.length > 0 && (
        <div className="mt-4 flex flex-col gap-2 border-t border-slate-100 pt-4">
          {oauthProviders.map((p) => (
            <Button key={p.id} variant="secondary" onClick={() => signIn(p.id, { callbackUrl })}>
              Continue with {p.name}
            </Button>
          ))}
        </div>
      )}
    </AuthCard>
  );
}
