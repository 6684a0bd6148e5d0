import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { logInternalError } from "../errors/publicError";
import { currentRequestId, withRequestId } from "../errors/requestId";
import { jsonTooDeep, withBodyLimits } from "../http/bodyLimit";
import { tooDeepPath } from "../http/jsonDepth";
import { MAX_TRPC_BODY_BYTES, MAX_TRPC_JSON_DEPTH } from "@/contracts/requestLimits";
import { appRouter } from "./root";
import { createContext } from "./trpc";

/**
 * The path of a too-deep value as the caller wrote it: without superjson's `json` envelope and,
 * for batched calls, the batch index in front.
 */
function inputPath(batched: boolean) {
  return (path: (string | number)[]) => {
    const rest = batched ? path.slice(1) : path;
    return rest[0] === "json" ? rest.slice(1) : rest;
  };
}

/**
 * /api/trpc over HTTP. The router gets a Request whose body counts bytes and nesting as it is
 * read, so a chunked body over 1 MiB is refused (413) and deep input answers 400 with its path
 * before superjson or zod recurse into it. Queries carry their input in the URL, which Node
 * bounds in size but not in depth, so that is checked here too.
 */
export function handleTrpcRequest(req: Request): Promise<Response> {
  return withRequestId(() => serveTrpc(req));
}

async function serveTrpc(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const describePath = inputPath(url.searchParams.get("batch") === "1");
  const queryInput = url.searchParams.get("input");
  const deepQuery = queryInput === null ? null : tooDeepPath(queryInput, MAX_TRPC_JSON_DEPTH);
  if (deepQuery !== null) return jsonTooDeep(MAX_TRPC_JSON_DEPTH, describePath(deepQuery)).toResponse();
  return withBodyLimits(req, { maxBytes: MAX_TRPC_BODY_BYTES, maxJsonDepth: MAX_TRPC_JSON_DEPTH, describePath }, (bounded) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: bounded,
      router: appRouter,
      createContext: ({ resHeaders }) => createContext({ headers: bounded.headers, resHeaders }),
      onError({ error, path }) {
        // The formatter withheld internals from the response; the log keeps them under the request id.
        if (error.code === "INTERNAL_SERVER_ERROR") logInternalError(currentRequestId(), `tRPC ${path ?? "?"}`, error.cause ?? error);
      },
    }),
  );
}
