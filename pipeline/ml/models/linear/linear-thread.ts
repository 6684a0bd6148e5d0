import { linearDoneSchema, linearInitSchema, linearSumsSchema, logisticQuerySchema, ridgeInitSchema, type LinearReply } from "./linear-messages";
import { LogisticSums } from "./logistic-sums";
import { RidgeSums } from "./ridge-sums";
import { rowPartBounds, sumParts, type BlockSums } from "./row-parts";

/** Sums of row parts [fromPart, toPart) one after another, for a query checked by `parse`. */
function partsOf<Query>(
  sums: BlockSums<Query>,
  rows: number,
  parse: (query: unknown) => Query,
): (query: unknown, fromPart: number, toPart: number) => Float64Array {
  const bounds = rowPartBounds(rows);
  return (query, fromPart, toPart) => {
    const parsed = parse(query);
    const partials = new Float64Array((toPart - fromPart) * sums.sizeOf(parsed));
    sumParts(sums, parsed, bounds, fromPart, toPart, partials);
    return partials;
  };
}

/** The thread side of a linear model's sums over rows: the row parts it is asked for, from the rows it was given at init. */
export function linearThreadHandler(post: (reply: LinearReply, transfer: Transferable[]) => void): (message: unknown) => boolean {
  let sumsFor: ((query: unknown, fromPart: number, toPart: number) => Float64Array) | undefined;
  return (message) => {
    const logistic = linearInitSchema.safeParse(message);
    if (logistic.success) {
      const { columns, rows, cols, y, classes } = logistic.data;
      sumsFor = partsOf(new LogisticSums(columns, rows, cols, y, classes), rows, (query) => logisticQuerySchema.parse(query));
      return true;
    }
    const ridge = ridgeInitSchema.safeParse(message);
    if (ridge.success) {
      const { data, rows, cols, y, yMean, yStd } = ridge.data;
      sumsFor = partsOf(new RidgeSums({ data, rows, cols }, y, yMean, yStd), rows, () => null);
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
