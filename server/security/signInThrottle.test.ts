import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

// A lower per-address limit keeps the flood short; the per-account limit stays at its default (10).
process.env.AUTH_SIGNIN_FAILURES_PER_ADDRESS = "20";
await useFreshDatabase();
const { db } = await import("../db");
const { signUp } = await import("../auth/accounts");
const { hashPassword } = await import("../auth/password");
const { env } = await import("../env");
const { BrowserClient, serveApp } = await import("../testing/httpApp");

let http: Awaited<ReturnType<typeof serveApp>>;
let addressCounter = 0;

/** A client at its own address (X-Forwarded-For, as a reverse proxy would set it). */
function clientAt(address = `203.0.113.${++addressCounter}`) {
  return new BrowserClient(http.url, { "x-forwarded-for": address });
}

async function attempt(client: InstanceType<typeof BrowserClient>, email: string, password: string) {
  const response = await client.signIn(email, password);
  const body = (await response.json()) as { url?: string; error?: { message: string } };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body };
}

beforeAll(async () => {
  http = await serveApp();
  for (const email of ["victim@example.com", "refund@example.com", "timing@example.com"]) {
    await signUp(db, { email, password: "analytical engine" });
  }
});

afterAll(() => http.close());

describe("password sign-in is throttled", () => {
  it("answers 429 with Retry-After after 10 wrong passwords for one account, from any address, even with the right password", async () => {
    expect(env.AUTH_SIGNIN_FAILURES_PER_ACCOUNT).toBe(10);
    for (let i = 0; i < 10; i += 1) {
      const wrong = await attempt(clientAt(), "victim@example.com", `wrong guess ${i}`);
      expect(wrong.status).toBe(401);
      expect(wrong.body.url).toContain("error=CredentialsSignin");
    }
    const blocked = await attempt(clientAt(), "victim@example.com", "wrong guess 11");
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body.error?.message).toMatch(/^Too many attempts, try again in \d+ (s|min)\.$/);

    // Throttled before the password is checked: even the right one waits, so guessing stops.
    expect((await attempt(clientAt(), "victim@example.com", "analytical engine")).status).toBe(429);
    // The email is normalised before counting, so case and spaces are no way around it.
    expect((await attempt(clientAt(), "  VICTIM@example.com", "wrong guess")).status).toBe(429);
  });

  it("answers 429 to one address after 20 wrong passwords spread over many accounts", async () => {
    const client = clientAt("198.51.100.20");
    for (let i = 0; i < 20; i += 1) {
      expect((await attempt(client, `nobody-${i}@example.com`, "wrong guess")).status).toBe(401);
    }
    const blocked = await attempt(client, "nobody-21@example.com", "wrong guess");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await attempt(clientAt(), "nobody-22@example.com", "wrong guess")).status).toBe(401);
  });

  it("does not count a successful sign-in, and a success clears the account's failures", async () => {
    for (let i = 0; i < 9; i += 1) expect((await attempt(clientAt(), "refund@example.com", "wrong guess")).status).toBe(401);
    const ok = await attempt(clientAt(), "refund@example.com", "analytical engine");
    expect(ok.status).toBe(200);
    expect(ok.body.url).not.toContain("error=");
    for (let i = 0; i < 10; i += 1) expect((await attempt(clientAt(), "refund@example.com", "wrong guess")).status).toBe(401);
    expect((await attempt(clientAt(), "refund@example.com", "wrong guess")).status).toBe(429);
  });

  it("holds under a parallel burst: 30 simultaneous guesses get at most 10 password checks", async () => {
    await signUp(db, { email: "burst@example.com", password: "analytical engine" });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(clientAt(), "burst@example.com", `guess ${i}`)));
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.status === 429).length).toBe(30 - checked);
  });
});

describe("sign-in does not tell real accounts from unknown ones by timing", () => {
  it("spends an scrypt hash on unknown emails too", async () => {
    // The fastest of three hashes: a busy machine can only make one slower, never faster.
    let hashMs = Infinity;
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      await hashPassword("calibration");
      hashMs = Math.min(hashMs, performance.now() - start);
    }

    async function timed(email: string) {
      const client = clientAt();
      const started = performance.now();
      const result = await client.signIn(email, "not the password");
      const ms = performance.now() - started;
      expect(result.status).toBe(401);
      expect(((await result.json()) as { url: string }).url).toContain("error=CredentialsSignin");
      return ms;
    }
    // Interleaved, fastest of four each: noise from other work on the machine only ever adds time.
    let known = Infinity;
    let unknown = Infinity;
    for (let i = 0; i < 4; i += 1) {
      known = Math.min(known, await timed("timing@example.com"));
      unknown = Math.min(unknown, await timed(`no-such-user-${i}@example.com`));
    }
    console.log(`scrypt ${hashMs.toFixed(0)} ms; wrong password: real account ${known.toFixed(0)} ms, unknown email ${unknown.toFixed(0)} ms`);
    // Before the fix an unknown email answered in ~4 ms against ~110 ms; now both pay for the hash.
    // Calibration and sign-ins see different load on a busy machine, so the bars are loose: the old
    // fast path was 25× quicker than a real account's answer.
    expect(known).toBeGreaterThan(hashMs * 0.3);
    expect(unknown).toBeGreaterThan(Math.min(hashMs, known) * 0.3);
  });
});
