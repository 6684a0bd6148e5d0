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
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests share one SQLite file per worker and start real servers; two cores.
    maxWorkers: 2,
  },
});
