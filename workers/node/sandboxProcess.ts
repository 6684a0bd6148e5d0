import { spawn } from "node:child_process";
import { z } from "zod";
import { SANDBOX_CHILD_SOURCE } from "./sandboxChildSource";
import { quickJsFiles } from "./quickJsFiles";

/** What one sandbox process evaluates: string globals, then code steps in order, each ending in a string (or a promise of one). */
export interface SandboxRequest {
  globals: Record<string, string>;
  steps: string[];
  /** The file name user code runs under, so its line can be read from a stack trace. */
  fileName: string;
  /** Wall-clock limit for all steps together; QuickJS interrupts at it, the host kills the process a grace period later. */
  timeoutMs: number;
}

const errorSchema = z.object({ name: z.string(), message: z.string(), stack: z.string() });

/**
 * The sandbox's answer. It comes from a process that ran user code, so it is parsed, not trusted.
 * `step` is the step that failed; `outputs` holds the steps before it.
 */
const resultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), outputs: z.array(z.string().nullable()) }),
  z.object({
    ok: z.literal(false),
    step: z.number().int(),
    outputs: z.array(z.string().nullable()),
    reason: z.enum(["timeout", "memory", "stack", "error", "pending", "sandbox", "crash"]),
    error: errorSchema,
  }),
]);

export type SandboxResult = z.infer<typeof resultSchema>;
export type SandboxFailure = Extract<SandboxResult, { ok: false }>;

/**
 * Kernel cap on the process's data segment (RLIMIT_DATA): Node's heap, the request and result
 * text, and QuickJS's WebAssembly memory (ArrayBuffers included) all count, so an allocation past
 * it fails inside the sandbox instead of growing the host. QuickJS's own limit only refuses single
 * allocations larger than it (this build cannot measure its heap), so the kernel cap is the real one.
 */
export const SANDBOX_MEMORY_MB = 1024;
const QUICKJS_SINGLE_ALLOCATION_BYTES = 768 * 1024 * 1024;
/** QuickJS's stack check; Node gets --stack-size room above it so ordinary deep recursion fails inside QuickJS, catchably. */
const STACK_BYTES = 512 * 1024;
const NODE_STACK_KB = 2000;
/** Loading QuickJS takes ~50 ms; a process that has not said it is ready by then is stuck. */
const STARTUP_LIMIT_MS = 30_000;
const READY_LINE = JSON.stringify({ ready: true });
/** How long past the time limit the host waits for QuickJS to interrupt itself before killing the process. */
const KILL_GRACE_MS = 5_000;
/** Results larger than this are refused rather than buffered in the host. */
const MAX_OUTPUT_BYTES = 128 * 1024 * 1024;
const MAX_DIAGNOSTIC_BYTES = 16 * 1024;

/** Runs in `sh` before Node starts: the memory cap, no file writes (stdout and stdin are pipes, not files), no core dumps. */
const LIMITS_SCRIPT = 'ulimit -d "$1" && ulimit -f 0 && ulimit -c 0 && shift && exec "$@"';

/** Node's permission model under its name in this Node.js version (renamed from --experimental-permission in 22). */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
}

function nodeArguments(): string[] {
  const files = quickJsFiles();
  return [
    permissionFlag(),
    ...files.readable.map((directory) => `--allow-fs-read=${directory}`),
    "--no-warnings",
    "--disallow-code-generation-from-strings",
    `--stack-size=${NODE_STACK_KB}`,
    `--max-old-space-size=${Math.floor(SANDBOX_MEMORY_MB / 2)}`,
    "--eval",
    SANDBOX_CHILD_SOURCE,
    files.core,
    files.variant,
  ];
}

function failure(reason: SandboxFailure["reason"], message = ""): SandboxFailure {
  return { ok: false, step: -1, outputs: [], reason, error: { name: "Error", message, stack: "" } };
}

/**
 * Evaluates user code in a fresh, short-lived process: QuickJS (WebAssembly) inside Node.js with an
 * empty environment, the permission model, a kernel memory cap, no file writes, and (as root) an
 * unprivileged user; see sandboxChildSource.ts. Every way the process can end becomes a
 * SandboxResult; only cancellation rejects (with the signal's reason). Nothing the user code does
 * can reach this process: what comes back is one line of JSON, parsed and size-limited.
 */
export function runInSandbox(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult> {
  signal?.throwIfAborted();
  const child = spawn("/bin/sh", ["-c", LIMITS_SCRIPT, "vajra-sandbox", String(SANDBOX_MEMORY_MB * 1024), process.execPath, ...nodeArguments()], {
    env: { NODE_ENV: "production" },
    cwd: "/",
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let verdict: SandboxResult | Error | null = null;
    const stop = (outcome: SandboxResult | Error) => {
      verdict ??= outcome;
      child.kill("SIGKILL");
    };
    let timer = setTimeout(() => stop(failure("crash", `it did not start within ${STARTUP_LIMIT_MS / 1000} s`)), STARTUP_LIMIT_MS);
    let started = false;
    const onAbort = () => stop(signal?.reason instanceof Error ? signal.reason : new Error("The run was cancelled"));
    signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout.on("data", (chunk: Buffer) => {
      // The first newline ends the ready line.
      if (!started && chunk.includes(0x0a)) {
        started = true;
        clearTimeout(timer);
        timer = setTimeout(() => stop(failure("timeout")), request.timeoutMs + KILL_GRACE_MS);
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_OUTPUT_BYTES) return stop(failure("crash", `its result is larger than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB`));
      stdout.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < MAX_DIAGNOSTIC_BYTES) stderr += chunk.toString("utf8").slice(0, MAX_DIAGNOSTIC_BYTES - stderr.length);
    });
    // The process may die before it reads its request (e.g. out of memory while starting): that is reported on close.
    child.stdin.on("error", () => undefined);
    child.on("error", (error) => stop(failure("crash", error.message)));
    child.on("close", (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      const outcome = verdict ?? readResult(Buffer.concat(stdout).toString("utf8"), stderr, code, exitSignal);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    });
    child.stdin.end(JSON.stringify({ ...request, stackBytes: STACK_BYTES, memoryBytes: QUICKJS_SINGLE_ALLOCATION_BYTES }));
  });
}

function readResult(stdout: string, stderr: string, code: number | null, exitSignal: NodeJS.Signals | null): SandboxResult {
  // The first line says the process started; the answer is the last.
  const line = stdout.trimEnd().split("\n").at(-1) ?? "";
  if (line !== "" && line !== READY_LINE) {
    try {
      const parsed = resultSchema.safeParse(JSON.parse(line));
      if (parsed.success) return parsed.data;
    } catch {
      // Fall through: a cut-off line means the process died while answering.
    }
  }
  if (/out of memory|Allocation failed|Cannot allocate/i.test(stderr) || exitSignal === "SIGABRT" || exitSignal === "SIGTRAP") {
    return failure("memory");
  }
  return failure("crash", `the sandbox process exited (${exitSignal ?? `code ${code}`}) without an answer`);
}
