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
  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    throw new Error(`Not a readable Parquet file: ${(error as Error).message}`);
  }
  const fields = parquetSchema(metadata).children;
  const names = fields.map((field) => field.element.name);
  const rows = await parquetReadObjects({ file: buffer, metadata, columns: names });

  const columns = names.map((name) => rows.map((row) => cellText(row[name])));
  const schemaTypes: Record<string, ColumnType> = {};
  for (const field of fields) {
    const type = field.children.length === 0 ? columnTypeOf(field.element) : undefined;
    if (type) schemaTypes[field.element.name] = type;
  }
  return tableFromTextColumns(names, columns, rows.length, { ...options, types: { ...schemaTypes, ...options.types } });
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
