import type { Table, TableSchema } from "../ml/table/table";
import type { PortSchema } from "../spec/portTypes";
import type { ModelArtifact, PortValue, SplitValue } from "../spec/portValues";

/**
 * Typed access to a node's input values and schemas. The compiler guarantees the
 * port types, so a mismatch here is a bug in the runner, not user error.
 */
export function tableInput(inputs: Record<string, PortValue | undefined>, port: string): Table {
  const value = inputs[port];
  if (value === undefined || !("columns" in value)) throw new Error(`Input "${port}" is not a table`);
  return value;
}

export function splitInput(inputs: Record<string, PortValue | undefined>, port: string): SplitValue {
  const value = inputs[port];
  if (value === undefined || !("train" in value)) throw new Error(`Input "${port}" is not a split`);
  return value;
}

export function modelInput(inputs: Record<string, PortValue | undefined>, port: string): ModelArtifact {
  const value = inputs[port];
  if (value === undefined || !("modelKind" in value)) throw new Error(`Input "${port}" is not a model`);
  return value;
}

export function tableSchemaInput(inputs: Record<string, PortSchema | undefined>, port: string): TableSchema {
  const schema = inputs[port];
  if (schema === undefined || !("table" in schema)) throw new Error(`Input "${port}" has no table schema`);
  return schema.table;
}
