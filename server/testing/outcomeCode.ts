import { TRPCError } from "@trpc/server";

/** "OK" when the call succeeds, else its tRPC error code (or the error's text): one word for tests to compare. */
export async function outcomeCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}
