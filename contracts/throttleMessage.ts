/** The user-facing text for a throttled sign-in or sign-up; pure so the pages can use it too. */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds < 120 ? `${retryAfterSeconds} s` : `${Math.ceil(retryAfterSeconds / 60)} min`;
  return `Too many attempts, try again in ${wait}.`;
}
