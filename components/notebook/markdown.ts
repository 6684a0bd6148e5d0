import { Marked } from "marked";
import { sanitizeHtml } from "@/contracts/sanitizeHtml";

// Our own instance: options set here cannot leak into (or be changed by) other users of marked.
const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * A Markdown cell as HTML: CommonMark + GitHub tables, rendered by marked. Notebooks are
 * shared and any editor writes their cells, so marked's output (which passes raw HTML
 * through) goes through the allow-list sanitiser: no script, event handler or javascript:
 * link survives.
 */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(marked.parse(source, { async: false }));
}
