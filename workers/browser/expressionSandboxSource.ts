/**
 * The opening of every browser sandbox script (labeling expressions here, custom-code
 * table functions in tableFunctionSandboxSource.ts), placed first inside the script's
 * closure, where it leaves `send` and `describe`. Each sandbox is a classic worker
 * started from a data: URL, so it runs with an opaque origin. It cannot read this app's cookies or storage,
 * and a request it made would be cross-site (the session cookie is SameSite=Lax, so it
 * would go unauthenticated). Before any user code runs it also deletes the network,
 * storage and worker APIs from the global scope and its prototype chain, takes its own
 * copy of postMessage, and keeps everything it needs in a closure user code cannot see.
 * Dynamic import() is syntax and cannot be removed; it gains nothing over the above.
 * Endless loops are the host's to stop: it terminates the worker at the deadline.
 */
export const SANDBOX_LOCKDOWN_SOURCE = String.raw`
  const send = self.postMessage.bind(self);
  const BLOCKED = ["fetch", "XMLHttpRequest", "WebSocket", "WebSocketStream", "EventSource", "WebTransport", "importScripts",
    "indexedDB", "caches", "cookieStore", "Worker", "SharedWorker", "BroadcastChannel", "navigator", "location",
    "Request", "Response", "FileReaderSync", "storageFoundation"];
  for (let scope = self; scope !== null && scope !== Object.prototype; scope = Object.getPrototypeOf(scope)) {
    for (const name of BLOCKED) {
      try { delete scope[name]; } catch {}
    }
  }
  const describe = (error) => {
    try { return String(error && error.message !== undefined ? error.message : error); } catch { return "unknown error"; }
  };
`;

/** The labeling-expression sandbox: evaluates each expression over every row. */
export const EXPRESSION_SANDBOX_SOURCE = String.raw`"use strict";
(() => {
${SANDBOX_LOCKDOWN_SOURCE}
  self.onmessage = (event) => {
    self.onmessage = null;
    const { functions, rowsJson } = event.data;
    const rows = JSON.parse(rowsJson).map((row) => Object.freeze(row));
    for (const fn of functions) {
      send({ type: "start", name: fn.name });
      let f;
      try {
        f = new Function("row", "'use strict';\nreturn (\n" + fn.expression + "\n);");
      } catch (error) {
        send({ type: "error", message: 'Labeling function "' + fn.name + '" does not compile: ' + describe(error) });
        return;
      }
      const values = [];
      for (let r = 0; r < rows.length; r++) {
        let value;
        try { value = f(rows[r]); } catch (error) {
          send({ type: "failed", reason: "throw", row: r, detail: describe(error) });
          return;
        }
        if (value === undefined || value === null) values.push(null);
        else if (typeof value === "string") values.push(value);
        else { send({ type: "failed", reason: "type", row: r, detail: typeof value }); return; }
      }
      send({ type: "result", values });
    }
    send({ type: "done" });
  };
})();
`;
