"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useTRPC } from "@/components/trpc/client";

/** Password change and "sign out everywhere": the two ways to cut off a session someone else holds. */
export function AccountSecurity() {
  const trpc = useTRPC();
  const changePassword = useMutation(trpc.account.changePassword.mutationOptions());
  const signOutEverywhere = useMutation(trpc.account.signOutEverywhere.mutationOptions());
  const [formKey, setFormKey] = useState(0);
  const fieldErrors = changePassword.error?.data?.fieldErrors as Record<string, string[] | undefined> | undefined;

  function onChangePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    changePassword.mutate(
      { currentPassword: String(form.get("currentPassword")), newPassword: String(form.get("newPassword")) },
      { onSuccess: () => setFormKey((k) => k + 1) },
    );
  }

  function onSignOutEverywhere() {
    // This session is revoked on the server too; signing out here also clears the cookie and leaves the page.
    signOutEverywhere.mutate(undefined, { onSuccess: () => void signOut({ callbackUrl: "/signin" }) });
  }

  const signedOut = changePassword.data?.signedOutSessions ?? 0;
  return (
    <div className="flex max-w-xl flex-col gap-8">
      <h1 className="text-2xl font-semibold">Account</h1>
      <section aria-labelledby="password-heading" className="flex flex-col gap-3">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        <p className="text-sm text-slate-500">Your other sessions are signed out; this one stays signed in.</p>
        <form key={formKey} onSubmit={onChangePassword} className="flex flex-col gap-3" noValidate>
          {changePassword.error && !fieldErrors && <Alert>{changePassword.error.message}</Alert>}
          {changePassword.isSuccess && (
            <Alert tone="success">
              Password changed. {signedOut === 1 ? "1 other session was signed out." : `${signedOut} other sessions were signed out.`}
            </Alert>
          )}
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={fieldErrors?.currentPassword?.[0]}
          />
          <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" error={fieldErrors?.newPassword?.[0]} />
          <div>
            <Button type="submit" disabled={changePassword.isPending}>
              {changePassword.isPending ? "Changing…" : "Change password"}
            </Button>
          </div>
        </form>
      </section>
      <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Sessions
        </h2>
        <p className="text-sm text-slate-500">
          Signs you out in every browser, this one included. API tokens keep working; revoke them on the API tokens page.
        </p>
        {signOutEverywhere.error && <Alert>{signOutEverywhere.error.message}</Alert>}
        <div>
          <Button variant="secondary" onClick={onSignOutEverywhere} disabled={signOutEverywhere.isPending}>
            Sign out everywhere
          </Button>
        </div>
      </section>
    </div>
  );
}
