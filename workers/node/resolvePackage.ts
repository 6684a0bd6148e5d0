import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where to resolve packages from: the app's folder (the web server and workers run there, and the
 * bundler rewrites this module's own location) or, for `vajra run` started elsewhere, this file's.
 */
function resolutionBases(): string[] {
  const bases = [path.join(process.cwd(), "package.json")];
  if (import.meta.url.startsWith("file:")) bases.push(fileURLToPath(import.meta.url));
  return bases;
}

/** The absolute path of an installed package's CommonJS entry, for code that runs in another process or thread. */
export function resolvePackageEntry(specifier: string): string {
  for (const base of resolutionBases()) {
    try {
      return createRequire(base).resolve(specifier);
    } catch {
      // Try the next base.
    }
  }
  throw new Error(`Cannot find the installed package ${specifier} (run npm install)`);
}
