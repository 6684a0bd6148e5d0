import { ConnectionError } from "./connectionErrors";

/** What one query may take, on either kind of database. */
export interface QueryLimits {
  maxRows: number;
  timeoutMs: number;
  /** Most characters (of text, as the result is held) a result may take, whatever its row count. */
  maxChars: number;
}

/**
 * A row limit alone does not bound memory (a few rows of huge text could take the worker down for every
 * project), so results are also capped by size: 128 Mi characters, about 256 MiB as JavaScript strings.
 */
export const MAX_RESULT_CHARS = 128 * 1024 * 1024;

export function resultTooLarge(label: string, maxChars: number): ConnectionError {
  return new ConnectionError(
    "tooLarge",
    `The result of the query on ${label} is larger than ${Math.round(maxChars / 1024 / 1024)} Mi characters; select fewer rows or columns.`,
  );
}
