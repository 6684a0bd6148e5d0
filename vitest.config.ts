import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws unless resolved under the "react-server" condition, as Next.js does for
      // server code; tests load server modules directly, so they get its empty module.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", "data/**"],
    environment: "node",
    // Starts (or reuses) the PostgreSQL server and migrates the template each file's database copies.
    globalSetup: ["server/testing/databaseTemplate.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file has its own database, but integration tests start real servers; two cores.
    maxWorkers: 2,
  },
});
