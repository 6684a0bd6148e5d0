import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";

/**
 * zxcvbn scores 0–4 by estimated guesses; 3 means "safely unguessable" (about 10^10 guesses),
 * which refuses dictionary words, keyboard walks and common passwords like `12345678` or `password`
 * while accepting a few uncommon words strung together.
 */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

// Built on first use: loading the dictionaries takes tens of milliseconds and memory that only sign-up and password change need.
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  return estimator;
}

/**
 * Null for a strong enough password, else a message that says why and what to do instead.
 * `userInputs` (email, name) count as known words, so "ada@example.com" cannot be Ada's password.
 */
export function weakPasswordReason(password: string, userInputs: string[] = []): string | null {
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[@.\s_-]+/)]).filter((part) => part.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
  const advice = result.feedback.suggestions.length > 0 ? ` ${result.feedback.suggestions.join(" ")}` : " Use a few uncommon words together.";
  return `This password is too easy to guess.${why}${advice}`;
}
