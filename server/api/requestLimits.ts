/** Largest tRPC request body the API reads; the route refuses bigger ones with 413 before parsing. */
export const MAX_TRPC_BODY_BYTES = 1024 * 1024;
