import fc from "fast-check";
import { expect } from "vitest";

/**
 * Property-based fuzzing of parsers (test support only). The property: a parser given any bytes
 * either returns a result or throws an Error that says what is wrong in the user's terms. A
 * TypeError ("Cannot read properties of undefined"), a RangeError (stack overflow, invalid array
 * length), a non-Error throw or a run that takes seconds is a crash, however it surfaces.
 */

/** Messages only a crash produces, even when wrapped in a plain Error by a catch that re-words it. */
const CRASH_TEXT =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|undefined \(reading|Maximum call stack|Invalid array length|out of memory/i;

/** One parse may take at most this long; the generated inputs are small, so longer means a near-hang. */
export const MAX_PARSE_MS = 2_000;

export function expectClearError(error: unknown): void {
  expect(error, "the parser threw something that is not an Error").toBeInstanceOf(Error);
  const failure = error as Error;
  for (const fault of [TypeError, RangeError, ReferenceError, SyntaxError]) {
    expect(failure instanceof fault, `the parser crashed with a ${failure.name}: ${failure.message}`).toBe(false);
  }
  expect(failure.message.trim(), "the error has no message").not.toBe("");
  expect(failure.message, "the error message describes a crash").not.toMatch(CRASH_TEXT);
}

/** Runs `parse` and checks the outcome is a result or a clear error, within the time budget. */
export async function expectClearOutcome(parse: () => unknown): Promise<void> {
  const started = performance.now();
  try {
    await parse();
  } catch (error) {
    expectClearError(error);
  }
  expect(performance.now() - started, "one parse took too long").toBeLessThan(MAX_PARSE_MS);
}

/** Per property: enough runs to find the crashes seen so far, bounded in time so `npm test` stays quick. */
export const FUZZ_RUNS: fc.Parameters<unknown> = { numRuns: 300, interruptAfterTimeLimit: 20_000, seed: Number(process.env.FUZZ_SEED ?? 20261203) };

/** A valid file damaged the ways real uploads are: cut short, bytes flipped, quotes, brackets or junk inserted. */
export function mutated(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: Math.max(0, valid.length) });
  const junk = fc.constantFrom(..."\"'[]{},;\n\r\t\\\u0000".split("").map((c) => c.charCodeAt(0)), 0xff, 0xfe, 0x80);
  const truncate = at.map((n) => valid.slice(0, n));
  const flip = fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
    const copy = valid.slice();
    for (const [i, byte] of edits) if (i < copy.length) copy[i] = byte;
    return copy;
  });
  const insert = fc.array(fc.tuple(at, junk), { minLength: 1, maxLength: 8 }).map((edits) => {
    const bytes = Array.from(valid);
    for (const [i, byte] of edits) bytes.splice(Math.min(i, bytes.length), 0, byte);
    return Uint8Array.from(bytes);
  });
  const duplicate = fc.tuple(at, at).map(([a, b]) => {
    const [from, to] = a < b ? [a, b] : [b, a];
    return Uint8Array.from([...valid.slice(0, to), ...valid.slice(from)]);
  });
  return fc.oneof(truncate, flip, insert, duplicate);
}

export const randomBytes = fc.uint8Array({ maxLength: 2048 });
