import { TABLE_FUNCTION_RUNTIME_SOURCE, USER_CODE_FILE } from "../shared/tableFunctionRuntimeSource";
import { SANDBOX_LOCKDOWN_SOURCE } from "./expressionSandboxSource";

/**
 * The browser sandbox for custom-code table functions: the same locked-down opaque-origin
 * worker as the expression sandbox, with the table-function runtime installed before user
 * code arrives. The user's script is evaluated globally (indirect eval) under a source URL,
 * so its errors carry its lines; the host terminates the worker at the deadline.
 */
export const TABLE_FUNCTION_SANDBOX_SOURCE = String.raw`"use strict";
(() => {
${SANDBOX_LOCKDOWN_SOURCE}
  ${TABLE_FUNCTION_RUNTIME_SOURCE}
  self.onmessage = (event) => {
    self.onmessage = null;
    const { script, inputJson } = event.data;
    self.__vajraInput = inputJson;
    let pending;
    try {
      pending = (0, eval)(script + "\n//# sourceURL=${USER_CODE_FILE}");
    } catch (error) {
      send({ type: "outcome", json: JSON.stringify({ ok: false, reason: "compile", message: describe(error), line: null }) });
      return;
    }
    Promise.resolve(pending).then(
      (json) => send({ type: "outcome", json: String(json) }),
      (error) => send({ type: "crash", message: describe(error) }),
    );
  };
})();
`;
