import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { MAX_TRPC_BODY_BYTES } from "@/server/api/requestLimits";
import { rejectOversizedBody } from "@/server/http/bodyLimit";

function handler(req: Request) {
  return (
    rejectOversizedBody(req, MAX_TRPC_BODY_BYTES) ??
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: () => createContext({ headers: req.headers }),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
      },
    })
  );
}

export { handler as GET, handler as POST };
