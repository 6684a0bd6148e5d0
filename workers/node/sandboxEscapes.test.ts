import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import type { CellColumns } from "../../pipeline/ml/table/cell-values";
import { ProcessSandbox } from "./processSandbox";
import { SANDBOX_MEMORY_MB } from "./sandboxProcess";
import { ESCAPE_PAYLOADS, escapePrelude, payloadCode, type EscapePayload } from "./testing/escapePayloads";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const sandbox = new ProcessSandbox();
// World-writable, so that an escape running as the unprivileged user could write the marker:
// only the sandbox itself stands in the way.
const markerDirectory = mkdtempSync(join(tmpdir(), "vajra-escape-"));
chmodSync(markerDirectory, 0o777);
const marker = join(markerDirectory, "escaped");
const prelude = escapePrelude(marker, process.pid);
const table: CellColumns = {
  names: ["review", "stars"],
  columns: [
    ["great", "bad"],
    [5, 1],
  ],
  rowCount: 2,
};
const rows = [
  { review: "great", stars: 5 },
  { review: "bad", stars: 1 },
];

interface EntryPoint {
  name: string;
  valueName: string;
  run(code: string, timeoutMs?: number): Promise<unknown>;
}

const ENTRY_POINTS: EntryPoint[] = [
  {
    name: "labeling-function expression",
    valueName: "row",
    run: (code, timeoutMs = 5_000) => sandbox.evaluate([{ name: "escape", expression: `(() => { ${prelude} ${code}; return null; })()` }], rows, { timeoutMs }),
  },
  {
    name: "Custom code (JavaScript)",
    valueName: "t",
    run: (code, timeoutMs = 5_000) =>
      sandbox.callTableFunction({ code: `function f(t) { ${prelude} ${code}; return t; }`, language: "javascript", functionName: "f", table }, { timeoutMs }),
  },
  {
    name: "Custom code (TypeScript)",
    valueName: "t",
    run: (code, timeoutMs = 5_000) =>
      sandbox.callTableFunction(
        { code: `async function f(t: any): Promise<unknown> { ${prelude} ${code}; return t; }`, language: "typescript", functionName: "f", table },
        { timeoutMs },
      ),
  },
];

function expectNoEffectOutside() {
  expect(existsSync(marker)).toBe(false);
  expect(Object.prototype).not.toHaveProperty("vajraPolluted");
  expect(Array.prototype).not.toHaveProperty("vajraPolluted");
  expect(JSON).not.toHaveProperty("vajraPolluted");
}

afterEach(expectNoEffectOutside);

describe.each(ENTRY_POINTS)("escape attempts through $name", (entry) => {
  it.each(ESCAPE_PAYLOADS.map((payload) => [payload.name, payload] as [string, EscapePayload]))("%s reaches nothing outside", async (_, payload) => {
    // Most attempts throw inside the sandbox (no such global); some finish harmlessly. Either way the
    // node gets an answer, and nothing outside changes.
    const outcome = await entry.run(payloadCode(payload, entry.valueName, marker, process.pid)).then(
      () => "finished",
      (error: unknown) => (error instanceof Error ? error.message : "not an Error"),
    );
    expect(outcome).not.toBe("not an Error");
    expect(outcome).not.toMatch(/sandbox stopped unexpectedly/);
  });

  it("reports runaway recursion, in user code or in native code, as a stack overflow", async () => {
    for (const code of ["(function r() { return r() + 1; })();", "JSON.parse('['.repeat(200000) + ']'.repeat(200000));"]) {
      await expect(entry.run(code)).rejects.toThrow(/(recursed too deeply \(stack overflow\)|threw( on row 0)?: stack overflow)/);
    }
  });
});

describe("sandbox limits", () => {
  it("stops huge ArrayBuffers at the memory cap, without the host growing", async () => {
    const before = process.memoryUsage().rss;
    const grab = "const a = []; for (let i = 0; i < 3; i++) a.push(new Uint8Array(1024 * 1024 * 1024)); for (;;) a.push(new ArrayBuffer(64 * 1024 * 1024));";
    await expect(ENTRY_POINTS[1]!.run(grab, 60_000)).rejects.toThrow(/Custom code function "f" (threw: out of memory|ran out of memory)/);
    await expect(ENTRY_POINTS[0]!.run(grab, 60_000)).rejects.toThrow(/Labeling function "escape" (threw on row 0: out of memory|ran out of memory)/);
    const chunked = "const a = []; for (;;) a.push(new ArrayBuffer(16 * 1024 * 1024));";
    await expect(ENTRY_POINTS[1]!.run(chunked, 60_000)).rejects.toThrow(
      new RegExp(`ran out of memory \\(the sandbox allows ${SANDBOX_MEMORY_MB} MB\\)|threw: out of memory`),
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("cuts user text quoted in errors, and refuses a forged result that skips the runtime's checks", async () => {
    for (const entry of ENTRY_POINTS.slice(0, 2)) {
      const message = await entry.run('throw new Error("m".repeat(5e6))').catch((error: Error) => error.message);
      expect(message).toMatch(/more characters\)/);
      expect(String(message).length).toBeLessThan(3_000);
    }
    const forged =
      'const s = JSON.stringify; JSON.stringify = (v) => (v && v.ok === true ? \'{"ok":true,"table":{"names":["a","a"],"columns":[[1],[2]],"rowCount":1}}\' : s(v));';
    await expect(ENTRY_POINTS[1]!.run(forged)).rejects.toThrow(/Custom code function "f" sent an unexpected result from its sandbox/);
  });

  it("runs in a process with no environment, a memory cap, no file writes and, as root, no privileges", async () => {
    const pending = ENTRY_POINTS[1]!.run("for (;;) {}").catch((error: Error) => error.message);
    const child = await waitForSandboxChild();
    onTestFinished(() => killQuietly(child));
    const environment = readFileSync(`/proc/${child}/environ`, "utf8");
    const status = readFileSync(`/proc/${child}/status`, "utf8");
    const limits = readFileSync(`/proc/${child}/limits`, "utf8");
    const commandLine = readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0");
    // sh sets PWD; nothing of the host's environment (secrets, DATABASE_URL, DATA_DIR) is there.
    expect(environment.split("\0").filter(Boolean).sort()).toEqual(["NODE_ENV=production", "PWD=/"]);
    expect(limits).toMatch(new RegExp(`Max data size\\s+${SANDBOX_MEMORY_MB * 1024 * 1024}\\s`));
    expect(limits).toMatch(/Max file size\s+0\s/);
    expect(commandLine.some((arg) => arg === "--permission" || arg === "--experimental-permission")).toBe(true);
    expect(commandLine.filter((arg) => arg.startsWith("--allow-")).every((arg) => arg.startsWith("--allow-fs-read=") && arg.includes("node_modules"))).toBe(
      true,
    );
    if (process.getuid?.() === 0) expect(status).toMatch(/^Uid:\s+65534\s+65534\s+65534\s+65534$/m);
    expect(await pending).toMatch(/Custom code function "f" did not finish within 5000 ms/);
  });

  it("fails only the call when its process is killed from outside", async () => {
    const pending = ENTRY_POINTS[0]!.run("for (;;) {}").catch((error: Error) => error.message);
    killQuietly(await waitForSandboxChild());
    expect(await pending).toMatch(/Labeling functions? "escape" could not be evaluated: its sandbox stopped unexpectedly/);
  });
});

function killQuietly(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

describe("TypeScript that the compiler chokes on", () => {
  const typescript = (code: string, timeoutMs = 2_000) =>
    sandbox.callTableFunction({ code, language: "typescript", functionName: "f", table }, { timeoutMs }).then(
      () => "finished",
      (error: Error) => error.message,
    );

  it("is stopped at the time limit on its own thread while the host's event loop keeps turning", async () => {
    // Each extra level of `async (` doubles the parser's time: 24 levels take minutes.
    const levels = 24;
    const code = `const x = ${"async (a, ".repeat(levels)}b${")".repeat(levels)};\nfunction f(t) { return t; }`;
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    const started = performance.now();
    const outcome = await typescript(code).finally(() => clearInterval(ticker));
    expect(outcome).toMatch(/^Custom code does not compile: it did not compile within 2000 ms$/);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(longestGap).toBeLessThan(1_000);
    // The compiler thread is replaced: the next cell compiles.
    expect(await typescript("function f(t: unknown) { return t; }", 10_000)).toBe("finished");
  });

  it("refuses code nested deeper than the compiler's stack, and code over the length limit", async () => {
    expect(await typescript(`const x = ${"(".repeat(20_000)}1${")".repeat(20_000)};\nfunction f(t) { return t; }`, 10_000)).toMatch(
      /^Custom code does not compile: /,
    );
    expect(await typescript(`function f(t) { return t; }\n//${"x".repeat(200_001)}`)).toMatch(
      /^Custom code does not compile: the code is 200031 characters long; the limit is 200000$/,
    );
  });
});

/** The pid of this process's running sandbox child (the Node.js started with the permission model). */
async function waitForSandboxChild(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("--allow-fs-read=")) {
          // Past the privilege drop: QuickJS is loaded and the request is being read or run.
          if (process.getuid?.() !== 0 || /^Uid:\s+65534/m.test(readFileSync(`/proc/${entry}/status`, "utf8"))) return Number(entry);
        }
      } catch {
        // The process ended while we looked.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("No sandbox process appeared");
}

describe("escape attempts through `vajra run`", () => {
  it("runs every payload in a Custom code node and in labeling functions; the run finishes and nothing outside changes", async () => {
    const guarded = (payload: EscapePayload, valueName: string) => `try { ${payloadCode(payload, valueName, marker, process.pid)} } catch {}`;
    const spec = {
      specVersion: 1,
      nodes: [
        { id: "load", kind: "load", version: 1, params: { dataset: "sample:iris" }, inputs: {} },
        {
          id: "custom",
          kind: "custom-code",
          version: 1,
          params: { functionName: "f", code: `function f(t) { ${prelude} ${ESCAPE_PAYLOADS.map((p) => guarded(p, "t")).join("\n")} return t; }` },
          inputs: { table: { node: "load", output: "table" } },
        },
        {
          id: "label",
          kind: "labeling-functions",
          version: 1,
          params: {
            classes: ["setosa", "other"],
            functions: ESCAPE_PAYLOADS.map((p, i) => ({
              name: `escape ${i}`,
              kind: "expression",
              expression: `(() => { ${prelude} ${guarded(p, "row")} return null; })()`,
            })),
          },
          inputs: { table: { node: "custom", output: "table" } },
        },
      ],
    };
    const directory = mkdtempSync(join(tmpdir(), "vajra-escape-cli-"));
    const specPath = join(directory, "escape.json");
    writeFileSync(specPath, JSON.stringify(spec));
    const { stderr } = await promisify(execFile)(process.execPath, [join(ROOT, "bin/vajra.mjs"), "run", specPath], { cwd: ROOT });
    expect(stderr).toContain("✔ custom");
    expect(stderr).toContain("✔ label");
  });
});
