import { parquetMetadata, parquetReadObjects, parquetSchema, type SchemaElement } from "hyparquet";
import { tableFromTextColumns, type InferOptions } from "./infer";
import type { ColumnType, Table } from "./table";
import { cellText } from "./values";

/**
 * Reads a Parquet file (bytes already in memory) into a typed Table with hyparquet.
 * Top-level primitive columns take their type from the Parquet schema (booleans,
 * integers, floats/decimals, dates/timestamps); string columns are inferred as
 * category or text like CSV; nested columns become JSON text. `options.types`
 * still overrides any column.
 */
export async function readParquet(input: ArrayBuffer | Uint8Array, options: InferOptions = {}): Promise<Table> {
  const buffer = toArrayBuffer(input);
  let names: string[];
  let rows: Record<string, unknown>[];
  const schemaTypes: Record<string, ColumnType> = {};
  try {
    const metadata = parquetMetadata(buffer);
    const fields = parquetSchema(metadata).children;
    names = fields.map((field) => field.element.name);
    rows = await parquetReadObjects({ file: buffer, metadata, columns: names });
    for (const field of fields) {
      const type = field.children.length === 0 ? columnTypeOf(field.element) : undefined;
      if (type) schemaTypes[field.element.name] = type;
    }
  } catch (error) {
    throw unreadable(error);
  }
  const columns = names.map((name) => rows.map((row) => cellText(row[name])));
  return tableFromTextColumns(names, columns, rows.length, { ...options, types: { ...schemaTypes, ...options.types } });
}

/**
 * hyparquet says what is wrong with a malformed file ("parquet file invalid …"), but a damaged one
 * can also make it index past an array or allocate a negative length; those TypeErrors and
 * RangeErrors describe the reader, not the file, so the user is told the file is damaged.
 */
function unreadable(error: unknown): Error {
  const fault =
    !(error instanceof Error) || error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error.message.trim() === "";
  return new Error(`Not a readable Parquet file: ${fault ? "it is damaged or truncated" : (error as Error).message}`);
}

function toArrayBuffer(input: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (input instanceof ArrayBuffer) return input;
  const copy = new Uint8Array(input.byteLength);
  copy.set(input);
  return copy.buffer;
}

/** The Table type a primitive Parquet column maps to; undefined means "infer from the values". */
function columnTypeOf(element: SchemaElement): ColumnType | undefined {
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (logical === "DATE" || logical === "TIMESTAMP" || converted === "DATE" || converted?.startsWith("TIMESTAMP")) {
    return "date";
  }
  if (logical === "DECIMAL" || converted === "DECIMAL") return "number";
  switch (element.type) {
    case "BOOLEAN":
      return "boolean";
    case "INT32":
    case "INT64":
      return logical === "TIME" || converted?.startsWith("TIME") ? undefined : "integer";
    case "FLOAT":
    case "DOUBLE":
      return "number";
    default:
      return undefined;
  }
}
