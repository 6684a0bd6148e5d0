import { readFile } from "node:fs/promises";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isInternalError, publicErrorOf } from "./publicError";

async function caught(fail: () => unknown): Promise<unknown> {
  try {
    await fail();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("which failures users may read", () => {
  it("withholds JavaScript faults, file-system and driver errors, and messages naming internals", async () => {
    const typeError = await caught(() => (JSON.parse("{}") as { a: { b: number } }).a.b);
    const noFile = await caught(() => readFile("/nonexistent/vajra/blob"));
    const driver = Object.assign(new Error("Invalid `prisma.run.findMany()` invocation"), { clientVersion: "7.10.0" });
    for (const error of [
      typeError,
      noFile,
      driver,
      new Error("open '/srv/data/artifacts/ab/cd' failed"),
      new Error('duplicate key value violates unique constraint "User_email_key"'),
      new Error('relation "Pipeline" does not exist'),
      "a string",
      new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: typeError }),
    ]) {
      expect(isInternalError(error), String(error)).toBe(true);
      const answer = publicErrorOf(error, "req-1");
      expect(answer).toEqual({ status: 500, code: "INTERNAL", message: "Something went wrong on our side (request req-1).", requestId: "req-1" });
    }
  });

  it("shows deliberate errors and the engine's plain messages", () => {
    expect(publicErrorOf(new TRPCError({ code: "NOT_FOUND", message: "Run not found." }), "r")).toEqual({
      status: 404,
      code: "NOT_FOUND",
      message: "Run not found.",
    });
    expect(publicErrorOf(new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: "Bad model." }), "r").status).toBe(422);
    expect(publicErrorOf(z.object({ a: z.string() }).safeParse({}).error, "r")).toMatchObject({ status: 422, message: expect.stringMatching(/^a: /) });
    const engine = new Error('Column "price" not found in the table.');
    expect(isInternalError(engine)).toBe(false);
    expect(isInternalError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: engine }))).toBe(false);
    expect(publicErrorOf(engine, "r")).toEqual({ status: 500, code: "INTERNAL", message: engine.message, requestId: "r" });
  });
});
