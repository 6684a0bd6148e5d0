"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useTRPC } from "@/components/trpc/client";
import { AuthCard } from "./AuthCard";
import { signInWithCredentials } from "./credentialsSignIn";
import { safeCallbackUrl } from "@/contracts/callbackUrl";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get("callbackUrl"));
  const [signInError, setSignInError] = useState<string | null>(null);
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const fieldErrors = signUp.error?.data?.fieldErrors as Record<string, string[] | undefined> | undefined;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { email: String(form.get("email")), password: String(form.get("password")) };
    await signUp.mutateAsync({ ...credentials, name: String(form.get("name") ?? "") }).then(
      async () => {
        const result = await signInWithCredentials(credentials.email, credentials.password, callbackUrl);
        if (!result.ok) {
          setSignInError(`Your account was created, but signing in failed: ${result.message} Try signing in.`);
          return;
        }
        router.push(callbackUrl);
        router.refresh();
      },
      () => undefined,
    );
  }

  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Link className="font-medium text-indigo-700" href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
        {signUp.error && !fieldErrors && <Alert>{signUp.error.message}</Alert>}
        {signInError && <Alert>{signInError}</Alert>}
        <TextField label="Name" name="name" autoComplete="name" />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors?.email?.[0]} />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" required error={fieldErrors?.password?.[0]} />
        <p className="-mt-2 text-xs text-slate-500">At least 8 characters and hard to guess: a few uncommon words together work well.</p>
        <Button type="submit" disabled={signUp.isPending}>
          {signUp.isPending ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </AuthCard>
  );
}
