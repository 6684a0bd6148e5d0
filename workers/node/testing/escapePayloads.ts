/**
 * The known ways out of a JavaScript sandbox, as code a user could put in a labeling-function
 * expression or a Custom code node. Each payload reaches for the host's `process` (or a module
 * system) through one route and, if it gets anything, writes `marker` and signals the host:
 * a test passes only if the marker never appears and the host lives on. `VALUE` stands for the
 * value user code is handed (a row, or a table).
 */
export interface EscapePayload {
  name: string;
  code: string;
}

/** Defines `__hit(candidate)`: what an escape does with whatever it reached. */
export function escapePrelude(marker: string, hostPid: number): string {
  return (
    "const __hit = (p) => {" +
    " if (p === undefined || p === null) return;" +
    ` if (typeof p.getBuiltinModule === "function") p.getBuiltinModule("node:fs").writeFileSync(${JSON.stringify(marker)}, "escaped");` +
    ` if (typeof p.mainModule === "object" && p.mainModule) p.mainModule.require("fs").writeFileSync(${JSON.stringify(marker)}, "escaped");` +
    ` if (typeof p.kill === "function") p.kill(${hostPid}, "SIGTERM");` +
    ` if (typeof p.exec === "function") p.exec(["touch", ${JSON.stringify(marker)}]);` +
    "};"
  );
}

const PROCESS = '"return typeof process === \\"undefined\\" ? undefined : process"';

export const ESCAPE_PAYLOADS: readonly EscapePayload[] = [
  { name: "globalThis constructor chain", code: `__hit(globalThis.constructor.constructor(${PROCESS})());` },
  {
    name: "this",
    code: `__hit((function () { return this; }).call(undefined) && globalThis.constructor.constructor(${PROCESS})()); __hit(this && this.constructor.constructor(${PROCESS})());`,
  },
  { name: "arguments", code: `__hit((function () { return arguments.constructor.constructor(${PROCESS})(); })(1));` },
  { name: "the value handed in", code: `__hit(VALUE.constructor.constructor(${PROCESS})());` },
  {
    name: "the value's members",
    code: `for (const k of Object.getOwnPropertyNames(VALUE).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(VALUE) || {}))) { let x; try { x = VALUE[k]; } catch { continue; } if (x !== null && x !== undefined && x.constructor) __hit(x.constructor.constructor(${PROCESS})()); }`,
  },
  {
    name: "errors",
    code: `try { null.f(); } catch (e) { __hit(e.constructor.constructor(${PROCESS})()); __hit(e.__proto__.constructor.constructor(${PROCESS})()); }`,
  },
  {
    name: "promises",
    code: `__hit(Promise.resolve().constructor.constructor(${PROCESS})()); Promise.resolve().then(() => __hit(Promise.constructor(${PROCESS})()));`,
  },
  { name: "async functions", code: `(async () => {}).constructor(${PROCESS})().then(__hit);` },
  { name: "generator functions", code: `__hit((function* () {}).constructor(${PROCESS})().next().value);` },
  { name: "functions", code: `__hit((() => {}).constructor(${PROCESS})()); __hit(Function(${PROCESS})());` },
  { name: "symbols", code: `__hit(Symbol.iterator.constructor.constructor(${PROCESS})()); __hit(Symbol("x").constructor.constructor(${PROCESS})());` },
  {
    name: "Proxy",
    code: `__hit(new Proxy({}, { get: (target) => target.constructor.constructor(${PROCESS})() }).anything); __hit(new Proxy(function () {}, { apply: (target) => target.constructor(${PROCESS})() })());`,
  },
  {
    name: "Reflect",
    code: `__hit(Reflect.construct(Function, [${PROCESS}])()); __hit(Reflect.getPrototypeOf(globalThis).constructor.constructor(${PROCESS})());`,
  },
  { name: "import()", code: 'import("node:fs").then((fs) => fs.writeFileSync("MARKER", "escaped")); import("os").then((os) => os.exec(["touch", "MARKER"]));' },
  { name: "require", code: 'require("node:fs").writeFileSync("MARKER", "escaped");' },
  { name: "process", code: 'process.getBuiltinModule("node:fs").writeFileSync("MARKER", "escaped"); process.kill(HOST_PID);' },
  {
    name: "host globals",
    code: "__hit(globalThis.process); __hit(globalThis.global && globalThis.global.process); __hit(globalThis.os); __hit(globalThis.std); __hit(globalThis.Deno);",
  },
  {
    name: "Error.prepareStackTrace",
    code: "Error.prepareStackTrace = (e, frames) => { for (const f of frames) __hit(f.getThis && f.getThis()); return ''; }; new Error('x').stack; const o = {}; if (Error.captureStackTrace) Error.captureStackTrace(o); o.stack;",
  },
  { name: "WebAssembly", code: "new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));" },
  { name: "SharedArrayBuffer and Atomics", code: "Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0, 60000);" },
  { name: "eval", code: `__hit(eval("typeof process === 'undefined' ? undefined : process")); __hit((0, eval)("this").process);` },
  { name: "timers and console", code: 'setTimeout(() => process.exit(1), 0); console.log("escaped");' },
  { name: "prototype pollution", code: 'Object.prototype.vajraPolluted = "yes"; Array.prototype.vajraPolluted = "yes"; JSON.vajraPolluted = "yes";' },
  { name: "process.kill", code: "process.kill(HOST_PID, 'SIGKILL');" },
];

/** A payload's code for one entry point: the marker, the host's pid and the value's name filled in. */
export function payloadCode(payload: EscapePayload, valueName: string, marker: string, hostPid: number): string {
  return payload.code.replaceAll("VALUE", valueName).replaceAll("MARKER", marker).replaceAll("HOST_PID", String(hostPid));
}
