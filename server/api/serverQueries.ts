import "server-only";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import superjson from "superjson";
import { appRouter } from "./root";
import { createContext } from "./trpc";

/**
 * tRPC queries a server component runs while it renders, so a page's first data arrives with its
 * HTML instead of after hydration (the pipeline canvas waited ~300 ms of hydration plus a round trip
 * before it could draw a node). One query client per request; the same procedures and access checks
 * as over HTTP, with the caller's own cookies.
 */
export const serverQueries = cache(() => {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000 },
      dehydrate: { serializeData: superjson.serialize },
    },
  });
  const trpc = createTRPCOptionsProxy({
    router: appRouter,
    ctx: async () => createContext({ headers: await headers() }),
    queryClient,
  });
  return { queryClient, trpc };
});
