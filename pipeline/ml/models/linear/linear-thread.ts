import { linearDoneSchema, linearInitSchema, linearSumsSchema, logisticQuerySchema, type LinearReply } from "./linear-messages";
import { LogisticSums } from "./logistic-sums";
import { rowPartBounds, sumParts } from "./row-parts";

/** The thread side of a logistic regression's sums over rows: the row parts it is asked for, from the rows it was given at init. */
export function linearThreadHandler(post: (reply: LinearReply, transfer: Transferable[]) => void): (message: unknown) => boolean {
  let sumsFor: ((query: unknown, fromPart: number, toPart: number) => Float64Array) | undefined;
  return (message) => {
    const init = linearInitSchema.safeParse(message);
    if (init.success) {
      const { columns, rows, cols, y, classes } = init.data;
      const bounds = rowPartBounds(rows);
      const sums = new LogisticSums(columns, rows, cols, y, classes);
      sumsFor = (query, fromPart, toPart) => {
        const parsed = logisticQuerySchema.parse(query);
        const partials = new Float64Array((toPart - fromPart) * sums.sizeOf(parsed));
        sumParts(sums, parsed, bounds, fromPart, toPart, partials);
        return partials;
      };
      return true;
    }
    if (linearDoneSchema.safeParse(message).success) {
      sumsFor = undefined;
      return true;
    }
    const request = linearSumsSchema.safeParse(message);
    if (!request.success) return false;
    try {
      if (!sumsFor) throw new Error("linear-sums before linear-init");
      const partials = sumsFor(request.data.query, request.data.fromPart, request.data.toPart);
      post({ type: "linear-partials", partials }, [partials.buffer]);
    } catch (error) {
      post({ type: "linear-error", message: error instanceof Error ? error.message : String(error) }, []);
    }
    return true;
  };
}
