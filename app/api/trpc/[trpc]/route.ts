import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { rejectOversizedBody } from "@/server/http/bodyLimit";

const MAX_BODY_BYTES = 1024 * 1024;

function handler(req: Request) {
  return (
    rejectOversizedBody(req, MAX_BODY_BYTES) ??
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
