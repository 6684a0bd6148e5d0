/**
 * Drive Vajra from code with the typed tRPC client.
 *
 *   npx tsx examples/client.ts --url http://localhost:3000 --token vjr_... [--name "My project"]
 *
 * Create the token in the app under "API tokens". VAJRA_URL / VAJRA_TOKEN work too.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { parseArgs } from "node:util";
import type { AppRouter } from "../server/api/root";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.VAJRA_URL ?? "http://localhost:3000" },
    token: { type: "string", default: process.env.VAJRA_TOKEN },
    name: { type: "string", default: `Created from a script at ${new Date().toISOString()}` },
  },
});

if (!values.token) {
  console.error("Missing API token: pass --token or set VAJRA_TOKEN (create one under API tokens in the app).");
  process.exit(2);
}

const vajra = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: new URL("/api/trpc", values.url).toString(),
      transformer: superjson,
      headers: { authorization: `Bearer ${values.token}` },
    }),
  ],
});

try {
  const created = await vajra.project.create.mutate({ name: values.name });
  console.log(`Created project ${created.id} "${created.name}"`);
  const projects = await vajra.project.list.query();
  console.log(`You have ${projects.length} project(s):`);
  for (const p of projects) console.log(`- ${p.id}  ${p.name}  (${p.role})`);
} catch (error) {
  console.error(error instanceof TRPCClientError ? `Vajra refused: ${error.message}` : error);
  process.exit(1);
}
