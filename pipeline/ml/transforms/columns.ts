import { getColumn, type Table } from "../table/table";

/** Only the named columns, in the order named. Throws on an unknown or repeated name. */
export function selectColumns(table: Table, names: readonly string[]): Table {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`Column "${name}" is selected twice.`);
    seen.add(name);
  }
  return { rowCount: table.rowCount, columns: names.map((name) => getColumn(table, name)) };
}

/** Every column except the named ones. Throws on an unknown name. */
export function dropColumns(table: Table, names: readonly string[]): Table {
  for (const name of names) getColumn(table, name);
  const dropped = new Set(names);
  return { rowCount: table.rowCount, columns: table.columns.filter((column) => !dropped.has(column.name)) };
}

/** Renames columns by `{ old: new }`. Throws on an unknown old name or when two columns would share a name. */
export function renameColumns(table: Table, mapping: Readonly<Record<string, string>>): Table {
  for (const [from, to] of Object.entries(mapping)) {
    getColumn(table, from);
    if (to.trim() === "") throw new Error(`Column "${from}" cannot be renamed to an empty name.`);
  }
  const columns = table.columns.map((column) => (Object.hasOwn(mapping, column.name) ? { ...column, name: mapping[column.name]! } : column));
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (seen.has(name)) throw new Error(`Renaming would leave two columns named "${name}".`);
    seen.add(name);
  }
  return { rowCount: table.rowCount, columns };
}
