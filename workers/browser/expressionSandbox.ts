import { z } from "zod";
import type { ExpressionSandbox, RowObject, SandboxedExpression, SandboxOptions } from "@/pipeline/ml/labeling/expression-sandbox";
import { EXPRESSION_SANDBOX_SOURCE } from "./expressionSandboxSource";
import { callTableFunctionInBrowser } from "./tableFunctionSandbox";

// What the sandbox posts back is produced next to user code (which can call postMessage too), so it is parsed, not trusted.
const messageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), name: z.string() }),
  z.object({ type: z.literal("result"), values: z.array(z.string().nullable()) }),
  z.object({ type: z.literal("failed"), reason: z.enum(["throw", "type"]), row: z.number().int(), detail: z.string() }),
  z.object({ type: z.literal("error"), message: z.string() }),
  z.object({ type: z.literal("done") }),
]);

const SANDBOX_URL = `data:text/javascript;charset=utf-8,${encodeURIComponent(EXPRESSION_SANDBOX_SOURCE)}`;

/**
 * Runs labeling-function expressions (and, through tableFunctionSandbox.ts, custom-code
 * table functions) in a fresh opaque-origin worker per evaluation (see
 * expressionSandboxSource.ts), so user code never shares a thread or an origin with the
 * app; the same contract and messages as the server's ProcessSandbox.
 */
export const browserExpressionSandbox: ExpressionSandbox = {
  callTableFunction: callTableFunctionInBrowser,
  evaluate(functions: readonly SandboxedExpression[], rows: readonly RowObject[], options: SandboxOptions): Promise<(string | null)[][]> {
    if (functions.length === 0) return Promise.resolve([]);
    const worker = new Worker(SANDBOX_URL);
    return new Promise((resolve, reject) => {
      const results: (string | null)[][] = [];
      let running = functions[0]!.name;
      let settled = false;
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate();
        if (error) reject(error);
        else resolve(results);
      };
      const timer = setTimeout(
        () => finish(new Error(`Labeling function "${running}" did not finish within ${options.timeoutMs} ms (an endless loop?); it was stopped`)),
        options.timeoutMs,
      );
      worker.onmessage = (event: MessageEvent<unknown>) => {
        const parsed = messageSchema.safeParse(event.data);
        if (!parsed.success) return finish(new Error(`Labeling function "${running}" sent an unexpected message from its sandbox`));
        const message = parsed.data;
        switch (message.type) {
          case "start":
            running = message.name;
            return;
          case "result":
            if (message.values.length !== rows.length) return finish(new Error(`Labeling function "${running}" returned the wrong number of values`));
            results.push(message.values);
            return;
          case "failed":
            return finish(
              new Error(
                message.reason === "throw"
                  ? `Labeling function "${running}" threw on row ${message.row}: ${message.detail}`
                  : `Labeling function "${running}" returned a value of type ${message.detail} on row ${message.row}; it must return a class name or null`,
              ),
            );
          case "error":
            return finish(new Error(message.message));
          case "done":
            return results.length === functions.length
              ? finish(null)
              : finish(new Error(`The expression sandbox stopped after ${results.length} of ${functions.length} labeling functions`));
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish(new Error(`Labeling function "${running}" crashed its sandbox: ${event.message}`));
      };
      worker.postMessage({ functions: functions.map((f) => ({ name: f.name, expression: f.expression })), rowsJson: JSON.stringify(rows) });
    });
  },
};
