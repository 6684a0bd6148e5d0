const WORD_CHAR = /[\p{L}\p{N}_]/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A case-insensitive pattern for one keyword or phrase. Word boundaries are only
 * required where the keyword itself starts or ends with a word character, so "love"
 * does not fire on "glove" while "!" or "5 stars" still match. Runs of whitespace in
 * a phrase match any whitespace.
 */
export function keywordPattern(keyword: string): RegExp {
  const trimmed = keyword.trim();
  const body = trimmed.split(/\s+/).map(escapeRegExp).join("\\s+");
  const before = WORD_CHAR.test(trimmed[0] ?? "") ? "(?<![\\p{L}\\p{N}_])" : "";
  const after = WORD_CHAR.test(trimmed.at(-1) ?? "") ? "(?![\\p{L}\\p{N}_])" : "";
  return new RegExp(`${before}${body}${after}`, "iu");
}

export function keywordMatcher(keywords: readonly string[], match: "any" | "all"): (text: string) => boolean {
  const patterns = keywords.map(keywordPattern);
  return match === "any" ? (text) => patterns.some((p) => p.test(text)) : (text) => patterns.every((p) => p.test(text));
}
