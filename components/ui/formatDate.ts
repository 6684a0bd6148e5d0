const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function formatDate(date: Date | null | undefined, fallback = "never"): string {
  return date ? formatter.format(date) : fallback;
}
