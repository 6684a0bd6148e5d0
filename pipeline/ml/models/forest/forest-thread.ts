import { ForestTreeGrower } from "./grow-forest-tree";
import { forestGrowSchema, forestInitSchema, type ForestReply } from "./forest-messages";

/** The thread side of growing a forest's trees in parallel: one grower per thread, trees on request. */
export function forestThreadHandler(post: (reply: ForestReply, transfer: Transferable[]) => void): (message: unknown) => boolean {
  let grower: ForestTreeGrower | undefined;
  return (message) => {
    const init = forestInitSchema.safeParse(message);
    if (init.success) {
      const { bins, columns, rows, cols, binCounts, thresholds, y, task, params } = init.data;
      grower = new ForestTreeGrower({ bins, columns, rows, cols, binCounts, thresholds }, y, task, params);
      return true;
    }
    const grow = forestGrowSchema.safeParse(message);
    if (!grow.success) return false;
    try {
      if (!grower) throw new Error("forest-grow before forest-init");
      const { tree } = grower.grow(grow.data.seed);
      const buffers = [tree.feature, tree.threshold, tree.missingLeft, tree.left, tree.right, tree.values].map((a) => a.buffer as ArrayBuffer);
      post({ type: "forest-tree", index: grow.data.index, tree }, buffers);
    } catch (error) {
      post({ type: "forest-error", message: error instanceof Error ? error.message : String(error) }, []);
    }
    return true;
  };
}
