import { Suspense } from "react";
import { SignInForm } from "@/components/auth/SignInForm";
import { enabledOAuthProviders } from "@/server/auth/options";

export const dynamic = "force-dynamic";

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm oauthProviders={enabledOAuthProviders()} />
    </Suspense>
  );
}
