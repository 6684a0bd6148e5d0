import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sendWebResponse, toWebRequest } from "../http/nodeFetch";

/** Serves a fetch-style route handler over real HTTP on a free port, as Next.js would call it. */
export async function serveHandler(handle: (req: Request, url: URL) => Promise<Response>) {
  const server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    await sendWebResponse(await handle(toWebRequest(incoming, url), url), incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
