/** Largest tRPC request body the API reads; larger ones are refused with 413 while they stream in. */
export const MAX_TRPC_BODY_BYTES = 1024 * 1024;

/**
 * Deepest nesting of objects/arrays a tRPC input may have (counting superjson's envelope).
 * Graphs, specs, params and notebook cells nest a few levels; 5,000 levels overflowed the stack.
 */
export const MAX_TRPC_JSON_DEPTH = 64;
