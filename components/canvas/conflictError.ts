import { TRPCClientError } from "@trpc/client";

/** True when the server refused a write because what it would replace changed since this editor read it. */
export function isConflict(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "CONFLICT";
}
