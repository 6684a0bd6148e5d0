import { z } from "zod";
import { SeededRandom } from "../models/random";
import { THESAURUS } from "./thesaurus";

export const textAugmentParamsSchema = z.object({
  synonymReplacement: z.number().min(0).max(1).default(0.1).describe("Share of words replaced by a synonym"),
  randomInsertion: z.number().min(0).max(1).default(0.1).describe("Share of word count inserted as synonyms of random words"),
  randomSwap: z.number().min(0).max(1).default(0.1).describe("Share of word count swapped pairwise"),
  randomDeletion: z.number().min(0).max(1).default(0.1).describe("Probability each word is deleted"),
});
export type TextAugmentParams = z.input<typeof textAugmentParamsSchema>;

/**
 * EDA-style augmentation (synonym replacement, random insertion, random swap, random
 * deletion) on whitespace-separated words. Counts are max(1, round(share × words))
 * when a share is non-zero, so short texts still change. Words keep their trailing
 * punctuation and a capitalised word's synonym is capitalised.
 */
export function augmentText(text: string, paramsInput: TextAugmentParams, rng: SeededRandom): string {
  const p = textAugmentParamsSchema.parse(paramsInput);
  let words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return text;
  const count = (share: number) => (share === 0 ? 0 : Math.max(1, Math.round(share * words.length)));

  const replaceable = words.map((w, i) => ({ i, synonyms: synonymsOf(w) })).filter((c) => c.synonyms.length > 0);
  const order = rng.shuffleInPlace(Int32Array.from({ length: replaceable.length }, (_, i) => i));
  for (const c of order.slice(0, count(p.synonymReplacement))) {
    const { i, synonyms } = replaceable[c]!;
    words[i] = withShapeOf(words[i]!, synonyms[rng.int(synonyms.length)]!);
  }
  const insertions = count(p.randomInsertion);
  for (let n = 0; n < insertions; n++) {
    const candidates = words.map(synonymsOf).filter((s) => s.length > 0);
    if (candidates.length === 0) break;
    const synonyms = candidates[rng.int(candidates.length)]!;
    words.splice(rng.int(words.length + 1), 0, synonyms[rng.int(synonyms.length)]!);
  }
  const swaps = words.length < 2 ? 0 : count(p.randomSwap);
  for (let n = 0; n < swaps; n++) {
    const a = rng.int(words.length);
    const b = rng.int(words.length);
    [words[a], words[b]] = [words[b]!, words[a]!];
  }
  if (p.randomDeletion > 0 && words.length > 1) {
    const kept = words.filter(() => rng.next() >= p.randomDeletion);
    words = kept.length > 0 ? kept : [words[rng.int(words.length)]!];
  }
  return words.join(" ");
}

function bareWord(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
}

export function synonymsOf(word: string): readonly string[] {
  return THESAURUS.get(bareWord(word)) ?? [];
}

function withShapeOf(original: string, synonym: string): string {
  const core = bareWord(original);
  const start = original.toLowerCase().indexOf(core);
  const prefix = original.slice(0, start);
  const suffix = original.slice(start + core.length);
  const capitalised = /^\p{Lu}/u.test(original.slice(start)) ? synonym[0]!.toUpperCase() + synonym.slice(1) : synonym;
  return prefix + capitalised + suffix;
}
