import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { signUp } = await import("../auth/accounts");
const { safeCallbackUrl } = await import("@/contracts/callbackUrl");
const { BrowserClient, serveApp } = await import("../testing/httpApp");

let http: Awaited<ReturnType<typeof serveApp>>;

// Each one has been used to bounce users off a site after sign-in; tab and newline are dropped by
// URL parsing, turning "/\t/evil" into "//evil" (the payload reported: callbackUrl=%2F%09%2F<host>/x).
const OFF_SITE = [
  "//evil.example/x",
  "/\\evil.example/x",
  "\\\\evil.example/x",
  "/\t/evil.example/x",
  "/\n/evil.example/x",
  "/\r\n/evil.example/x",
  " //evil.example/x",
  "/..//evil.example/x",
  "https://evil.example/x",
  "http:evil.example/x",
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
];

beforeAll(async () => {
  http = await serveApp();
  await signUp(db, { email: "ada@example.com", password: "analytical engine" });
});

afterAll(() => http.close());

describe("after sign-in, only same-site destinations are followed", () => {
  it("next-auth answers every off-site callbackUrl with a page of this app", async () => {
    const origin = new URL(http.url).origin;
    for (const callbackUrl of OFF_SITE) {
      const response = await new BrowserClient(http.url).signIn("ada@example.com", "analytical engine", callbackUrl);
      expect(response.status, JSON.stringify(callbackUrl)).toBe(200);
      const { url } = (await response.json()) as { url: string };
      expect(new URL(url).origin, JSON.stringify(callbackUrl)).toBe(origin);
      expect(url, JSON.stringify(callbackUrl)).toBe(`${origin}/projects`);
    }
  });

  it("keeps same-site destinations, query and fragment included", async () => {
    const response = await new BrowserClient(http.url).signIn("ada@example.com", "analytical engine", "/share/abc?x=1#top");
    expect(((await response.json()) as { url: string }).url).toBe(`${new URL(http.url).origin}/share/abc?x=1#top`);
  });

  it("the sign-in pages apply the same rule to ?callbackUrl (as the browser would decode it)", () => {
    for (const value of OFF_SITE) expect(safeCallbackUrl(value), JSON.stringify(value)).toBe("/projects");
    expect(safeCallbackUrl(decodeURIComponent("%2F%09%2Fevil.example/x"))).toBe("/projects");
    expect(safeCallbackUrl("/projects/p1/pipelines/x?tab=runs")).toBe("/projects/p1/pipelines/x?tab=runs");
    expect(safeCallbackUrl(null)).toBe("/projects");
  });
});

describe("next-auth's client logger", () => {
  it("is not served: it wrote whatever anyone sent into the server log", async () => {
    const response = await fetch(`${http.url}/api/auth/_log`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ level: "error", code: "x]\n[next-auth][error][JWT_SESSION_ERROR] forged line" }),
    });
    expect(response.status).toBe(404);
  });
});
