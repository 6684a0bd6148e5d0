import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClearOutcome, FUZZ_RUNS } from "../../testing/clearOutcome";
import { keywordPattern } from "./keyword-matcher";
import { labelingFunctionsSchema } from "./labeling-function";

const kinds = fc.constantFrom("keywords", "regex", "threshold", "expression", "other");
const patternLike = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("(", "[a-", "\\", "(?<n>x)\\k<m>", "a{2,1}", "\\p{Nope}", "(?<=a)b", "*", "x".repeat(1001)),
);
const labelingFunction = fc.record(
  {
    name: fc.string({ maxLength: 90 }),
    kind: kinds,
    column: fc.string({ maxLength: 10 }),
    keywords: fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
    pattern: patternLike,
    flags: fc.constantFrom("", "i", "gu", "imsu", "x", "uv"),
    op: fc.constantFrom("<", "==", "=>"),
    value: fc.oneof(fc.double(), fc.string()),
    label: fc.string({ maxLength: 10 }),
    expression: fc.string({ maxLength: 50 }),
  },
  { requiredKeys: [] },
);

describe("labeling function definitions are checked statically with clear messages, never a crash", () => {
  it("random lists of definitions, including invalid regular expressions and flags", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(labelingFunction, { maxLength: 5 }), fc.jsonValue({ maxDepth: 4 })), (input) =>
        expectClearOutcome(() => {
          const parsed = labelingFunctionsSchema.safeParse(input);
          if (!parsed.success) for (const issue of parsed.error.issues) expect(issue.message.trim()).not.toBe("");
        }),
      ),
      FUZZ_RUNS,
    );
  }, 60_000);

  it("any keyword, punctuation and regex syntax included, becomes a valid pattern", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 30 }).filter((k) => /\S/.test(k)),
        (keyword) =>
          expectClearOutcome(() => {
            keywordPattern(keyword).test(`say ${keyword} now`);
          }),
      ),
      FUZZ_RUNS,
    );
  }, 60_000);
});
