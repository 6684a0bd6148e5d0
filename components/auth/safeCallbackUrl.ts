/** Only same-site paths are followed after sign-in, so a link cannot bounce users to another site. */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/projects"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
