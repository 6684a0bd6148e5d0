/**
 * How deep a JSON text nests, counted on the text before it is parsed. A dataset row is an
 * object whose values may hold some nested JSON (kept as JSON text), but hundreds of levels mean
 * a damaged or hostile file, and the JSON.stringify that turns nested values back into text
 * recurses: 100,000 levels overflowed the stack ("Maximum call stack size exceeded").
 */
export const MAX_DATASET_JSON_DEPTH = 64;

/** The character offset where the text first opens a bracket deeper than `maxDepth`, or -1. */
export function firstTooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // the escaped character cannot end the string
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return -1;
}
