import { dehydrate, HydrationBoundary, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";

/**
 * Hands queries a server component prefetched to the browser's query client; a failed prefetch is
 * left out, so the client asks again and shows its own error.
 */
export function PrefetchedQueries({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}
