/** Messages that quote user code's own text (a thrown message, a returned value) are cut to this, so a run's error stays small. */
export const MAX_USER_TEXT = 2_000;

export function clipText(text: string, max = MAX_USER_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
