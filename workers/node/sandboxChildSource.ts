/**
 * The program a sandbox process runs (`node --eval`, CommonJS), as source so it needs no file the
 * bundler might move. It is plain JavaScript and trusted; the user's code never runs in
 * this Node.js, only inside QuickJS compiled to WebAssembly, which has no host object at
 * all (no process, require, import, timers, network or file system), so a constructor
 * chain from any value ends at QuickJS's own Function. Around that boundary:
 *
 * - the process starts with an empty environment and (from the host) a kernel memory cap,
 *   Node's permission model (read-only access to the QuickJS files, no child processes,
 *   workers, native addons or writes), and, when the host runs as root, drops to an
 *   unprivileged user before reading any user code;
 * - what goes in and out is text: the request arrives on stdin as JSON (code strings and
 *   string globals); stdout carries a `ready` line once QuickJS is loaded, then the answer as one JSON line.
 *
 * argv: the absolute paths of quickjs-emscripten-core's and the wasm variant's CommonJS entries.
 */
export const SANDBOX_CHILD_SOURCE = String.raw`
const [corePath, variantPath] = process.argv.slice(1);
const UNPRIVILEGED = 65534;

function reply(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

async function readRequest() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function dropPrivileges() {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  process.setgroups([]);
  process.setgid(UNPRIVILEGED);
  process.setuid(UNPRIVILEGED);
}

const MESSAGE_CHARS = 2000;
/** The step being evaluated, for a failure that escapes QuickJS (the host's own stack limit). */
let currentStep = -1;

/** A thrown value as plain text; reading it may run user code (a getter), which is still inside QuickJS. */
function describe(context, handle) {
  try {
    const error = context.dump(handle);
    if (error && typeof error === "object") {
      return {
        name: String(error.name ?? "Error").slice(0, 100),
        message: String(error.message ?? "").slice(0, MESSAGE_CHARS),
        stack: String(error.stack ?? "").slice(0, MESSAGE_CHARS),
      };
    }
    return { name: "Error", message: String(error).slice(0, MESSAGE_CHARS), stack: "" };
  } catch {
    return { name: "Error", message: "unknown error", stack: "" };
  }
}

function failureReason(error, timedOut) {
  if (timedOut) return "timeout";
  if (error.name === "InternalError" && error.message === "out of memory") return "memory";
  if (error.name === "InternalError" && error.message === "stack overflow") return "stack";
  return "error";
}

async function main() {
  const { newQuickJSWASMModuleFromVariant, shouldInterruptAfterDeadline } = require(corePath);
  const variant = require(variantPath).default;
  const quickjs = await newQuickJSWASMModuleFromVariant(variant);
  dropPrivileges();
  // The host's kill timer starts here, so a slow start on a busy machine does not eat the user's time.
  reply({ ready: true });
  const request = await readRequest();
  const runtime = quickjs.newRuntime();
  runtime.setMaxStackSize(request.stackBytes);
  runtime.setMemoryLimit(request.memoryBytes);
  const pastDeadline = shouldInterruptAfterDeadline(Date.now() + request.timeoutMs);
  let timedOut = false;
  runtime.setInterruptHandler(() => (timedOut = pastDeadline()));
  const context = runtime.newContext();
  for (const [name, value] of Object.entries(request.globals)) {
    const handle = context.newString(value);
    context.setProp(context.global, name, handle);
    handle.dispose();
  }
  const outputs = [];
  const fail = (step, handle) => {
    const error = describe(context, handle);
    handle.dispose();
    return reply({ ok: false, step, outputs, reason: failureReason(error, timedOut), error });
  };
  for (let step = 0; step < request.steps.length; step++) {
    currentStep = step;
    const result = context.evalCode(request.steps[step], request.fileName);
    if (result.error) return fail(step, result.error);
    let value = result.value;
    // A step may evaluate to a promise (async user code): its jobs run here, under the same deadline.
    for (;;) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        value.dispose();
        return fail(step, jobs.error);
      }
      if (jobs.value === 0) break;
    }
    // An interrupted job only rejects its own promise; the step still ran past the deadline.
    if (timedOut) {
      value.dispose();
      return reply({ ok: false, step, outputs, reason: "timeout", error: { name: "InternalError", message: "interrupted", stack: "" } });
    }
    const state = context.getPromiseState(value);
    if (!state.notAPromise) {
      value.dispose();
      if (state.type === "pending") return reply({ ok: false, step, outputs, reason: "pending", error: { name: "Error", message: "", stack: "" } });
      if (state.type === "rejected") return fail(step, state.error);
      value = state.value;
    }
    outputs.push(context.typeof(value) === "string" ? context.getString(value) : null);
    value.dispose();
  }
  reply({ ok: true, outputs });
}

main().catch((error) => {
  // Deep native recursion (JSON of deeply nested values, say) can exhaust Node's stack before
  // QuickJS's own check fires; the interpreter is unusable afterwards, but this process is single-use.
  const overflow = error instanceof RangeError && /call stack/i.test(String(error.message));
  reply({
    ok: false,
    step: currentStep,
    outputs: [],
    reason: overflow ? "stack" : "sandbox",
    error: { name: "Error", message: String(error && error.message).slice(0, MESSAGE_CHARS), stack: "" },
  });
  process.exitCode = 1;
});
`;
