#!/usr/bin/env node
// The CLI is TypeScript shared with the browser and server; tsx compiles it on the fly.
import { register } from "tsx/esm/api";

register();
// `vajra nodes | head` closes the pipe early; that is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = await import("../pipeline/cli/main.ts");
const { ProcessSandbox } = await import("../workers/node/processSandbox.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  expressionSandbox: new ProcessSandbox(),
});
