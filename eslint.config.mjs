import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

/** Tests and the helpers only tests import. */
const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx", "**/testing/**", "e2e/**"];

/** The tiers that render React; everything else is Node, worker or engine code. */
const REACT_FILES = ["app/**", "components/**"];

export default defineConfig([
  globalIgnores(["generated/", ".next/", "node_modules/", "public/", "data/", "test-results/", "playwright-report/", "next-env.d.ts"]),

  // Next's rules (React, hooks, jsx-a11y, import, @next/next) and typescript-eslint's
  // recommended set, which eslint-config-next/typescript is.
  ...nextCoreWebVitals,
  ...nextTypescript,

  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      // Unused code is dead code; a leading underscore marks a value left out on purpose
      // (a destructured field dropped from a copy, a callback parameter a signature requires).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "import/no-duplicates": "error",
      "import/first": "error",
      // import/no-cycle is not here: it made a lint of the whole tree six times slower (27 s to
      // 165 s of CPU). Cycles matter in pipeline/, and tests/importBoundaries.test.ts checks them there.

      // React Compiler rules of eslint-plugin-react-hooks 7, decided by their hits in the tree.
      // Kept (the default error): refs (1 hit, the latest-value ref written during render, which
      // useEffectEvent replaces), purity (1 hit, Date.now() during render), and those with no hits.
      // Off: set-state-in-effect (3 hits): two read browser-only state (localStorage, the one-time
      // deployment key) after hydration, which an effect is the place for: read during render it
      // would not match the server's HTML.
      "react-hooks/set-state-in-effect": "off",
      // Off: preserve-manual-memoization (2 hits) reports memoization the React Compiler could
      // not keep, and this app does not run the compiler (no reactCompiler in next.config.js).
      "react-hooks/preserve-manual-memoization": "off",
    },
  },
  {
    // A test may stub what the types cannot express.
    files: TEST_FILES,
    rules: { "@typescript-eslint/no-explicit-any": "warn" },
  },
  {
    // The rules of hooks are about React components; outside them a `use…` name is only a name
    // (the test fixture useFreshDatabase).
    ignores: REACT_FILES,
    rules: { "react-hooks/rules-of-hooks": "off" },
  },

  // Last: turn off every rule that Prettier's formatting would fight.
  prettier,
]);
