import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { env } from "../env";

/**
 * Step and run errors are stored and shown to every project member. A node that fails on a
 * file-system error ("ENOENT: no such file or directory, open '/srv/vajra/data/artifacts/…'")
 * would show where the server keeps its data, so server paths become "[server file]" and stack
 * frames are dropped; the rest of the message (which node, which column) stays.
 */
const PLACEHOLDER = "[server file]";

function serverRoots(): string[] {
  const roots = [path.resolve(env.DATA_DIR), process.cwd(), tmpdir(), homedir()].filter((root) => root.length > 1);
  // Longest first, so a data directory inside the working directory is replaced whole.
  return [...new Set(roots)].sort((a, b) => b.length - a.length);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function redactServerPaths(message: string): string {
  let redacted = message
    .split("\n")
    .filter((line) => !/^\s+at .+/.test(line))
    .join("\n");
  for (const root of serverRoots()) redacted = redacted.replace(new RegExp(`${escape(root)}(?:[/\\\\][^\\s'"\`)]*)?`, "g"), PLACEHOLDER);
  return redacted;
}
