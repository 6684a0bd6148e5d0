/**
 * `npm start`: the production web process. Next.js serves the app; predict calls are answered
 * here first, by the same core the Next.js route runs (answerPredict), because Next.js's router costs
 * more than the prediction: `bench/serving.ts` measured 2.3–4.4 ms of CPU per request for `next start`
 * answering even a 404, against 0.3–0.4 ms for the whole predict call behind bare node:http (and
 * 0.12 ms here once the call no longer went through a fetch Request and Response).
 * `npm run dev` keeps `next dev`, where the route file serves predict calls.
 */
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { db } from "../db";
import { defaultServingDeps } from "../deployments/predictHandler";
import { webRequestListener } from "./requestListener";
import { stopServing } from "./stopServing";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const port = Number(option("port") ?? process.env.PORT ?? 3000);
// As `next start`: every interface unless told otherwise.
const hostname = option("hostname");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const app = next({ dev: false, dir: root, port, ...(hostname === undefined ? {} : { hostname }) });
const handleNext = app.getRequestHandler();
await app.prepare();

const server = createServer(webRequestListener(handleNext, defaultServingDeps()));
server.listen(port, hostname, () => console.log(`▲ Vajra ready on http://${hostname ?? "localhost"}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Requests under way are answered and their buffered request logs written before the process exits.
    void stopServing(server, db)
      .then(() => app.close())
      .finally(() => process.exit(0));
  });
}
