import { getCsrfToken } from "next-auth/react";
import { z } from "zod";
import { tooManyAttemptsMessage } from "@/contracts/throttleMessage";

export type SignInOutcome = { ok: true } | { ok: false; message: string };

const answer = z.object({ url: z.string().optional() });

/**
 * Password sign-in, posted as next-auth's `signIn("credentials")` does, but reading the HTTP
 * answer itself: a throttled attempt (429) carries Retry-After, which next-auth's helper drops,
 * and the user should learn how long to wait rather than "wrong password".
 */
export async function signInWithCredentials(email: string, password: string, callbackUrl: string): Promise<SignInOutcome> {
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, callbackUrl, csrfToken: (await getCsrfToken()) ?? "", json: "true" }),
  });
  if (response.status === 429) {
    const seconds = Number(response.headers.get("Retry-After"));
    return { ok: false, message: tooManyAttemptsMessage(Number.isFinite(seconds) && seconds > 0 ? seconds : 60) };
  }
  const parsed = answer.safeParse(await response.json().catch(() => null));
  const url = parsed.success ? parsed.data.url : undefined;
  if (!response.ok || !url || new URL(url, window.location.href).searchParams.has("error")) {
    return { ok: false, message: response.status >= 500 ? "Sign-in is not available right now. Try again shortly." : "Wrong email or password." };
  }
  return { ok: true };
}
