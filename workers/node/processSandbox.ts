import type { TableFunctionCall, TableFunctionOptions } from "../../pipeline/ml/custom-code/table-function";
import type { ExpressionSandbox, RowObject, SandboxedExpression, SandboxOptions } from "../../pipeline/ml/labeling/expression-sandbox";
import type { CellColumns } from "../../pipeline/ml/table/cell-values";
import { evaluateExpressions } from "./labelingExpressions";
import { callTableFunctionInSandbox } from "./tableFunction";

/**
 * User code on the server and in `vajra run`: every call runs in its own sandbox process
 * (QuickJS in WebAssembly, no host objects; see sandboxProcess.ts).
 */
export class ProcessSandbox implements ExpressionSandbox {
  evaluate(functions: readonly SandboxedExpression[], rows: readonly RowObject[], options: SandboxOptions): Promise<(string | null)[][]> {
    return evaluateExpressions(functions, rows, options);
  }

  callTableFunction(call: TableFunctionCall, options: TableFunctionOptions): Promise<CellColumns> {
    return callTableFunctionInSandbox(call, options);
  }
}
