import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { refreshQueries } from "./refreshQueries";

/** A list on screen whose first load is answered from the state before a change that lands meanwhile. */
async function listAfterChangeDuringFirstLoad(refresh: (client: QueryClient) => Promise<void>): Promise<string[]> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let stored = ["iris"];
  const queryKey = ["dataset", "list"];
  const observer = new QueryObserver(client, {
    queryKey,
    queryFn: async () => {
      const answer = [...stored];
      await new Promise((resolve) => setTimeout(resolve, 50));
      return answer;
    },
  });
  const unsubscribe = observer.subscribe(() => {});
  await new Promise((resolve) => setTimeout(resolve, 10));
  stored = [...stored, "flowers"];
  await refresh(client);
  await new Promise((resolve) => setTimeout(resolve, 120));
  unsubscribe();
  return client.getQueryData<string[]>(queryKey) ?? [];
}

describe("refreshQueries", () => {
  it("shows a change that lands while the list first loads (invalidateQueries alone keeps the first answer)", async () => {
    expect(await listAfterChangeDuringFirstLoad((client) => client.invalidateQueries({ queryKey: ["dataset", "list"] }))).toEqual(["iris"]);
    expect(await listAfterChangeDuringFirstLoad((client) => refreshQueries(client, { queryKey: ["dataset", "list"] }))).toEqual(["iris", "flowers"]);
  });
});
