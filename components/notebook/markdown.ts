import { sanitizeHtml } from "@/contracts/sanitizeHtml";

/**
 * A small Markdown subset for notes between cells: headings, paragraphs, lists, code
 * blocks, **bold**, *italic*, `code` and [links](url). The source is escaped first and
 * the result goes through the sanitiser, so a note can never carry markup of its own.
 */
export function renderMarkdown(source: string): string {
  const blocks: string[] = [];
  const lines = source.split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith("```")) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) body.push(lines[i]!);
      i++;
      blocks.push(`<pre><code>${escape(body.join("\n"))}</code></pre>`);
    } else if (/^#{1,6}\s/.test(line)) {
      const level = /^#+/.exec(line)![0].length;
      blocks.push(`<h${level}>${inline(line.slice(level).trim())}</h${level}>`);
      i++;
    } else if (/^\s*([-*]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s/.test(lines[i]!); i++) items.push(`<li>${inline(lines[i]!.replace(/^\s*([-*]|\d+\.)\s/, ""))}</li>`);
      blocks.push(ordered ? `<ol>${items.join("")}</ol>` : `<ul>${items.join("")}</ul>`);
    } else if (line.trim() === "") {
      i++;
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== "" && !/^(#{1,6}\s|```|\s*([-*]|\d+\.)\s)/.test(lines[i]!); i++) para.push(lines[i]!);
      blocks.push(`<p>${inline(para.join(" "))}</p>`);
    }
  }
  return sanitizeHtml(blocks.join(""));
}

function inline(text: string): string {
  return escape(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
