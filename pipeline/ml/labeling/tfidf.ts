import { z } from "zod";

export const tfidfParamsSchema = z.object({
  ngrams: z.number().int().min(1).max(3).default(2).describe("Use word n-grams up to this length"),
  minDocumentFrequency: z.number().int().min(1).default(2).describe("Drop terms seen in fewer documents"),
  maxFeatures: z.number().int().min(1).max(1_000_000).default(50_000).describe("Keep this many most frequent terms"),
});
export type TfidfParams = z.input<typeof tfidfParamsSchema>;

export interface TfidfVocabulary {
  terms: string[];
  /** Smoothed inverse document frequency per term: ln((1 + n) / (1 + df)) + 1. */
  idf: number[];
  ngrams: number;
}

/** Sparse rows (CSR): document d's terms are indices[offsets[d] .. offsets[d+1]). */
export interface SparseRows {
  rows: number;
  cols: number;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Lower-cased words (letters, digits, apostrophes) with HTML line breaks removed. */
export function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/<br\s*\/?>/g, " ")
      .match(/[\p{L}\p{N}']+/gu) ?? []
  );
}

function terms(text: string | null, ngrams: number): string[] {
  const words = tokenize(text ?? "");
  const out: string[] = [];
  for (let n = 1; n <= ngrams; n++) for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(" "));
  return out;
}

export function fitTfidf(texts: readonly (string | null)[], paramsInput: TfidfParams = {}): TfidfVocabulary {
  const params = tfidfParamsSchema.parse(paramsInput);
  const df = new Map<string, number>();
  for (const text of texts) for (const term of new Set(terms(text, params.ngrams))) df.set(term, (df.get(term) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, count]) => count >= params.minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, params.maxFeatures);
  const n = texts.length;
  return { terms: kept.map(([t]) => t), idf: kept.map(([, count]) => Math.log((1 + n) / (1 + count)) + 1), ngrams: params.ngrams };
}

/** Sublinear tf (1 + ln tf) × idf, each row scaled to unit length; unknown terms are ignored. */
export function transformTfidf(vocabulary: TfidfVocabulary, texts: readonly (string | null)[]): SparseRows {
  const index = new Map(vocabulary.terms.map((t, i) => [t, i]));
  const offsets = new Int32Array(texts.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  texts.forEach((text, d) => {
    const counts = new Map<number, number>();
    for (const term of terms(text, vocabulary.ngrams)) {
      const i = index.get(term);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([i, tf]) => [i, (1 + Math.log(tf)) * vocabulary.idf[i]!] as const);
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    for (const [i, v] of entries) {
      indices.push(i);
      values.push(v / norm);
    }
    offsets[d + 1] = indices.length;
  });
  return { rows: texts.length, cols: vocabulary.terms.length, offsets, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}
