/**
 * Finds JSON nested deeper than a limit by scanning the raw bytes, before anything parses them.
 *
 * Why on the raw text: JSON.parse copes with deep nesting, but what runs after it (superjson's
 * walker, zod, hashing, our own tree walks) recurses, and 5,000 levels overflowed the stack
 * (a 500 "Maximum call stack size exceeded"). Counting brackets is iterative, needs no parse, and
 * works chunk by chunk, so a streamed body is checked as it arrives.
 *
 * It tracks only structure (brackets, strings, commas, colons) and does not validate JSON: the
 * parser that runs afterwards still refuses malformed text. Structural characters are ASCII, and
 * UTF-8 never uses ASCII bytes inside a multi-byte character, so scanning bytes is exact.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Keys longer than this are cut in the reported path; the path is for people to read. */
const MAX_KEY_BYTES = 64;

const decoder = new TextDecoder();

type Frame = { kind: "object"; key: string | null } | { kind: "array"; index: number };

export class JsonDepthScanner {
  private readonly stack: Frame[] = [];
  private inString = false;
  private escaped = false;
  private stringBytes: number[] = [];
  private lastString: number[] | null = null;

  constructor(private readonly maxDepth: number) {}

  /**
   * Scans the next bytes. Returns the path (keys and array indexes) of the first object or array
   * that opens deeper than the limit, or null while the text stays within it.
   */
  push(chunk: Uint8Array): (string | number)[] | null {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          this.lastString = this.stringBytes;
          continue;
        }
        if (this.stringBytes.length < MAX_KEY_BYTES) this.stringBytes.push(byte);
        continue;
      }
      switch (byte) {
        case QUOTE:
          this.inString = true;
          this.stringBytes = [];
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (this.stack.length >= this.maxDepth) return this.path();
          this.stack.push(byte === OPEN_BRACE ? { kind: "object", key: null } : { kind: "array", index: 0 });
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.stack.pop();
          break;
        case COMMA: {
          const top = this.stack.at(-1);
          if (top?.kind === "array") top.index++;
          break;
        }
        case COLON: {
          const top = this.stack.at(-1);
          // Decoded only here: most strings are values, and decoding each would slow big bodies.
          if (top?.kind === "object" && this.lastString !== null) top.key = decoder.decode(new Uint8Array(this.lastString));
          break;
        }
      }
    }
    return null;
  }

  private path(): (string | number)[] {
    return this.stack.map((frame) => (frame.kind === "array" ? frame.index : (frame.key ?? "")));
  }
}

/** The depth check over a whole text, for inputs that arrive in one piece (a query parameter). */
export function tooDeepPath(text: string, maxDepth: number): (string | number)[] | null {
  return new JsonDepthScanner(maxDepth).push(new TextEncoder().encode(text));
}

/** `nodes.0.params.a` style, for messages. */
export function formatJsonPath(path: (string | number)[]): string {
  return path.length === 0 ? "(the top level)" : path.map(String).join(".");
}
