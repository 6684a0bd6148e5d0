import type { RowSource } from "../neural/row-source";
import type { TextBatch } from "../types";

export interface VectorizerConfig {
  ngramMax: number;
  weighting: "tfidf" | "count" | "binary";
  sublinearTf: boolean;
}

/** The fitted vocabulary and inverse document frequencies; travels inside the model JSON. */
export interface Vocabulary {
  terms: string[];
  idf: Float32Array;
}

/** Lower-cased letter/digit runs, with HTML tags (reviews contain <br />) removed; n-grams joined by a space. */
export function tokenize(text: string | null, ngramMax: number): string[] {
  if (!text) return [];
  const words =
    text
      .toLowerCase()
      .replace(/<[^>]*>/g, " ")
      .match(/[\p{L}\p{N}']+/gu)
      ?.map((w) => w.replace(/^'+|'+$/g, ""))
      .filter((w) => w.length > 0) ?? [];
  const tokens = [...words];
  for (let n = 2; n <= ngramMax; n++) {
    for (let i = 0; i + n <= words.length; i++) tokens.push(words.slice(i, i + n).join(" "));
  }
  return tokens;
}

/**
 * Keeps terms found in at least minCount documents, the maxFeatures most frequent by
 * document frequency (ties alphabetical, so the vocabulary is deterministic), with the
 * smoothed idf ln((1 + n) / (1 + df)) + 1.
 */
export function fitVocabulary(texts: TextBatch, config: VectorizerConfig & { minCount: number; maxFeatures: number }): Vocabulary {
  const documentFrequency = new Map<string, number>();
  for (const text of texts) {
    for (const term of new Set(tokenize(text, config.ngramMax))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const kept = [...documentFrequency]
    .filter(([, df]) => df >= config.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, config.maxFeatures);
  if (kept.length === 0) throw new Error(`No term appears in at least ${config.minCount} documents; lower minCount`);
  const n = texts.length;
  return {
    terms: kept.map(([term]) => term),
    idf: Float32Array.from(kept, ([, df]) => Math.log((1 + n) / (1 + df)) + 1),
  };
}

interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
}

function vectorize(text: string | null, index: Map<string, number>, vocabulary: Vocabulary, config: VectorizerConfig): SparseRow {
  const counts = new Map<number, number>();
  for (const token of tokenize(text, config.ngramMax)) {
    const i = index.get(token);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indices = Int32Array.from(counts.keys());
  const values = Float32Array.from(counts.values(), (count, k) => {
    const tf = config.weighting === "binary" ? 1 : config.sublinearTf ? 1 + Math.log(count) : count;
    return config.weighting === "tfidf" ? tf * vocabulary.idf[indices[k]!]! : tf;
  });
  // Unit length, so long and short reviews are on the same scale.
  const norm = Math.hypot(...values);
  if (norm > 0) for (let k = 0; k < values.length; k++) values[k]! /= norm;
  return { indices, values };
}

/** Rows of the bag-of-words matrix, kept sparse and expanded one training batch at a time. */
export function textRowSource(texts: TextBatch, vocabulary: Vocabulary, config: VectorizerConfig): RowSource {
  const index = new Map(vocabulary.terms.map((t, i) => [t, i]));
  const rows = texts.map((t) => vectorize(t, index, vocabulary, config));
  const cols = vocabulary.terms.length;
  return {
    rows: rows.length,
    cols,
    fill(selected, out) {
      for (let i = 0; i < selected.length; i++) {
        const row = rows[selected[i]!]!;
        for (let k = 0; k < row.indices.length; k++) out[i * cols + row.indices[k]!] = row.values[k]!;
      }
    },
  };
}
