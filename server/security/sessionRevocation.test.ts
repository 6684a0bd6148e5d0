import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signUp } = await import("../auth/accounts");
const { BrowserClient, serveApp } = await import("../testing/httpApp");

let http: Awaited<ReturnType<typeof serveApp>>;

async function signedIn(email: string, password = "analytical engine", headers: Record<string, string> = {}) {
  const client = new BrowserClient(http.url, headers);
  const response = await client.signIn(email, password);
  expect(response.status).toBe(200);
  return client;
}

/** Who the cookie belongs to now, asked over HTTP with nothing but that cookie. */
async function whoIs(cookie: string): Promise<number> {
  const response = await fetch(`${http.url}/api/trpc/account.me?input=${encodeURIComponent(JSON.stringify({ json: null }))}`, {
    headers: { cookie },
  });
  return response.status;
}

beforeAll(async () => {
  http = await serveApp();
  for (const email of ["ada@example.com", "grace@example.com", "alan@example.com", "secure@example.com", "borrowed@example.com"]) {
    await signUp(db, { email, password: "analytical engine" });
  }
});

afterAll(() => http.close());

describe("sessions are revoked on the server", () => {
  it("refuses a cookie captured before sign-out", async () => {
    const browser = await signedIn("ada@example.com");
    const stolen = browser.cookieHeader;
    expect(stolen).toContain("next-auth.session-token=");
    expect(await whoIs(stolen)).toBe(200);

    expect((await browser.signOut()).status).toBe(200);
    expect(await whoIs(stolen)).toBe(401);
    // next-auth's own session endpoint agrees and clears the cookie.
    const session = await fetch(`${http.url}/api/auth/session`, { headers: { cookie: stolen, "x-forwarded-proto": "http" } });
    expect(await session.json()).toEqual({});
    expect(session.headers.getSetCookie().join("\n")).toMatch(/next-auth\.session-token=;/);
  });

  it("'sign out everywhere' ends every session of the user, the caller's too, and no one else's", async () => {
    const laptop = await signedIn("grace@example.com");
    const phone = await signedIn("grace@example.com");
    const someoneElse = await signedIn("alan@example.com");
    const result = await laptop.trpc("account.signOutEverywhere", "mutation");
    expect(result.status).toBe(200);
    expect(result.body.result?.data?.json).toEqual({ signedOutSessions: 2 });
    expect(await whoIs(laptop.cookieHeader)).toBe(401);
    expect(await whoIs(phone.cookieHeader)).toBe(401);
    expect(await whoIs(someoneElse.cookieHeader)).toBe(200);
  });

  it("changing the password signs out the other sessions, keeps this one, and retires the old password", async () => {
    const laptop = await signedIn("alan@example.com");
    const phone = await signedIn("alan@example.com");
    const wrong = await laptop.trpc("account.changePassword", "mutation", { currentPassword: "not it", newPassword: "enigma bombe turing" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.json?.message).toBe("Your current password is not right.");
    const weak = await laptop.trpc("account.changePassword", "mutation", { currentPassword: "analytical engine", newPassword: "password" });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.json?.data?.fieldErrors?.newPassword?.[0]).toMatch(/too easy to guess/);
    expect(await whoIs(phone.cookieHeader)).toBe(200);

    const changed = await laptop.trpc("account.changePassword", "mutation", { currentPassword: "analytical engine", newPassword: "enigma bombe turing" });
    expect(changed.status).toBe(200);
    expect(await whoIs(laptop.cookieHeader)).toBe(200);
    expect(await whoIs(phone.cookieHeader)).toBe(401);
    expect((await new BrowserClient(http.url).signIn("alan@example.com", "analytical engine")).status).toBe(401);
    expect((await new BrowserClient(http.url).signIn("alan@example.com", "enigma bombe turing")).status).toBe(200);
  });

  it("throttles guesses at the current password from a signed-in session like sign-in guesses", async () => {
    const borrowed = await signedIn("borrowed@example.com");
    for (let i = 0; i < 10; i += 1) {
      const guess = await borrowed.trpc("account.changePassword", "mutation", { currentPassword: `guess ${i}`, newPassword: "enigma bombe turing" });
      expect(guess.status).toBe(400);
    }
    const throttled = await borrowed.trpc("account.changePassword", "mutation", { currentPassword: "analytical engine", newPassword: "enigma bombe turing" });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(throttled.body.error?.json?.message).toMatch(/^Too many attempts, try again in \d+ (s|min)\.$/);
  });

  it("marks session cookies Secure (and __Secure-) when the app is reached over https", async () => {
    const browser = new BrowserClient(http.url, { "x-forwarded-proto": "https" });
    const secure = await browser.signIn("secure@example.com", "analytical engine");
    const secureCookie = secure.headers.getSetCookie().find((c) => c.includes("session-token="));
    expect(secureCookie).toMatch(/^__Secure-next-auth\.session-token=[^;]+;/);
    expect(secureCookie).toMatch(/; Secure/i);
    expect(secureCookie).toMatch(/HttpOnly/i);
    expect(await whoIs(browser.cookieHeader)).toBe(200);

    const plain = new BrowserClient(http.url);
    const response = await plain.signIn("secure@example.com", "analytical engine");
    const setCookie = response.headers.getSetCookie().find((c) => c.includes("session-token="));
    expect(setCookie).toMatch(/^next-auth\.session-token=/);
    expect(setCookie).not.toMatch(/; Secure/i);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });
});
