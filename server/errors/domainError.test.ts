import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useFreshDatabase } from "../testing/testDatabase";
import { DOMAIN_ERROR_KINDS, DomainError, type DomainErrorKind } from "./domainError";

await useFreshDatabase();
const { publicProcedure, router, createCallerFactory } = await import("../api/trpc");
const { db } = await import("../db");
const { withErrorBoundary } = await import("./restErrors");

const kinds = Object.keys(DOMAIN_ERROR_KINDS) as [DomainErrorKind, ...DomainErrorKind[]];

describe("a DomainError is mapped once per transport", () => {
  it("becomes the kind's tRPC code with its message, and Retry-After when rate limited", async () => {
    const failing = router({
      fail: publicProcedure.input(z.enum(kinds)).query(({ input: kind }) => {
        throw new DomainError(kind, `refused: ${kind}`, kind === "rateLimited" ? { retryAfterSeconds: 7 } : {});
      }),
    });
    for (const kind of kinds) {
      const resHeaders = new Headers();
      const caller = createCallerFactory(failing)({ db, identity: null, clientAddress: "127.0.0.1", sameOrigin: true, resHeaders });
      const error = await caller.fail(kind).catch((e: unknown) => e);
      expect(error, kind).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, kind).toBe(DOMAIN_ERROR_KINDS[kind].trpcCode);
      expect((error as TRPCError).message).toBe(`refused: ${kind}`);
      // Both transports answer with the same status, as /api/trpc would for this code.
      expect(getHTTPStatusCodeFromError(error as TRPCError), kind).toBe(DOMAIN_ERROR_KINDS[kind].status);
      expect(resHeaders.get("Retry-After")).toBe(kind === "rateLimited" ? "7" : null);
    }
  });

  it("becomes the kind's HTTP status and the REST error body, with its own code when it names one", async () => {
    for (const kind of kinds) {
      const handler = withErrorBoundary("test", async () => {
        throw new DomainError(kind, `refused: ${kind}`);
      });
      const response = await handler(new Request("http://localhost/"));
      expect(response.status, kind).toBe(DOMAIN_ERROR_KINDS[kind].status);
      expect(await response.json()).toEqual({ error: { code: DOMAIN_ERROR_KINDS[kind].trpcCode, message: `refused: ${kind}` } });
      expect(response.headers.get("x-request-id")).toBeTruthy();
    }
    const crossSite = withErrorBoundary("test", async () => {
      throw new DomainError("forbidden", "Not from here.", { code: "CROSS_SITE_REQUEST" });
    });
    const response = await crossSite(new Request("http://localhost/"));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "CROSS_SITE_REQUEST", message: "Not from here." } });
  });
});
