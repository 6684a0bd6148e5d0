import { cellKey } from "../table/cell-text";
import { rowHashes } from "../split/row-hash";
import { getColumn, isMissing, type Table } from "../table/table";

/** Two independent 32-bit row hashes make a 64-bit key: a 32-bit one alone collides by chance in pools of ~10⁵ rows. */
const KEY_SEEDS = [0x5eed_0001, 0x5eed_0002] as const;

/**
 * A stable identity per row, so a row already in a labeling queue is recognised when the sampler
 * runs again: the key column's value when one is named, else a hash of the row's cells without the
 * `ignore` columns (the blank target, which gets filled in once labelled, must not change the key).
 * A row whose key column is blank gets null: it cannot be told apart from other rows later.
 */
export function rowKeys(table: Table, options: { keyColumn?: string; ignore?: readonly string[] }): (string | null)[] {
  if (options.keyColumn !== undefined) {
    const column = getColumn(table, options.keyColumn);
    return Array.from({ length: table.rowCount }, (_, r) => (isMissing(column, r) ? null : cellKey(column, r)));
  }
  const ignored = new Set(options.ignore ?? []);
  const cells: Table = { rowCount: table.rowCount, columns: table.columns.filter((column) => !ignored.has(column.name)) };
  const [high, low] = KEY_SEEDS.map((seed) => rowHashes(cells, seed));
  return Array.from({ length: table.rowCount }, (_, r) => high![r]!.toString(16).padStart(8, "0") + low![r]!.toString(16).padStart(8, "0"));
}
