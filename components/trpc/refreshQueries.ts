import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Marks the queries under `queryKey` stale and refetches the ones on screen, as invalidateQueries
 * does, but also when their first load is still in flight: TanStack Query folds a refetch into a
 * running fetch that has no data yet, so a change that lands while a list first loads would leave
 * the list as it was before the change (seen in CI: an upload answered 1 ms before the project
 * page's first dataset list, which then never showed it). Cancelling first makes the refetch new.
 */
export async function refreshQueries(queryClient: QueryClient, { queryKey }: { queryKey: QueryKey }): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  await queryClient.invalidateQueries({ queryKey });
}
