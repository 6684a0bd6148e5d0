import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../db");
const { env } = await import("../env");
const { hashPassword } = await import("../auth/password");
const { BrowserClient, serveApp } = await import("../testing/httpApp");

let http: Awaited<ReturnType<typeof serveApp>>;
let addressCounter = 0;
const clientAt = (address = `192.0.2.${++addressCounter}`) => new BrowserClient(http.url, { "x-forwarded-for": address });

async function signUpOverHttp(client: InstanceType<typeof BrowserClient>, email: string, password: string) {
  return client.trpc("account.signUp", "mutation", { email, password });
}

beforeAll(async () => {
  http = await serveApp();
});

afterAll(() => http.close());

describe("sign-up", () => {
  it("refuses guessable passwords with a message that says why", async () => {
    for (const password of ["12345678", "password", "qwertyuiop", "ada@example.com", "adaexample"]) {
      const response = await signUpOverHttp(clientAt(), "ada@example.com", password);
      expect(response.status, password).toBe(400);
      expect(response.body.error?.json?.data?.fieldErrors?.password?.[0], password).toMatch(/^This password is too easy to guess\./);
    }
    const short = await signUpOverHttp(clientAt(), "ada@example.com", "Xy7!");
    expect(short.body.error?.json?.data?.fieldErrors?.password?.[0]).toBe("Use at least 8 characters for your password.");
    expect(await db.user.count({ where: { email: "ada@example.com" } })).toBe(0);
    expect((await signUpOverHttp(clientAt(), "ada@example.com", "analytical engine")).status).toBe(200);
  });

  it("answers a taken email without saying the account exists, after the same scrypt cost", async () => {
    // The fastest of three hashes: a busy machine can only make one slower, never faster.
    let hashMs = Infinity;
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      await hashPassword("calibration");
      hashMs = Math.min(hashMs, performance.now() - start);
    }

    let takenMs = Infinity;
    let taken: Awaited<ReturnType<typeof signUpOverHttp>> | undefined;
    for (let i = 0; i < 2; i += 1) {
      const started = performance.now();
      taken = await signUpOverHttp(clientAt(), "ADA@example.com", "difference engine");
      takenMs = Math.min(takenMs, performance.now() - started);
    }
    if (!taken) throw new Error("no answer");
    expect(taken.status).toBe(409);
    expect(taken.body.error?.json?.message).toBe("We could not create an account with these details. If you already have an account, sign in instead.");
    expect(taken.body.error?.json?.message).not.toMatch(/exists/i);
    console.log(`scrypt ${hashMs.toFixed(0)} ms; sign-up with a taken email ${takenMs.toFixed(0)} ms`);
    expect(takenMs).toBeGreaterThan(hashMs * 0.5);
  });

  it("allows 10 sign-ups an hour from one address, then answers 429 with Retry-After and a clear message", async () => {
    expect(env.AUTH_SIGNUPS_PER_ADDRESS).toBe(10);
    const client = clientAt("198.51.100.77");
    for (let i = 0; i < 10; i += 1) {
      expect((await signUpOverHttp(client, `bulk-${i}@example.com`, "analytical engine")).status).toBe(200);
    }
    const refused = await signUpOverHttp(client, "bulk-10@example.com", "analytical engine");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body.error?.json?.message).toMatch(/^Too many attempts, try again in \d+ (s|min)\.$/);
    expect(await db.user.count({ where: { email: "bulk-10@example.com" } })).toBe(0);
    expect((await signUpOverHttp(clientAt(), "bulk-10@example.com", "analytical engine")).status).toBe(200);
  });
});
