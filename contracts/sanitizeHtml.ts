/**
 * An allow-list HTML sanitiser for `display.html(...)` outputs, which come from user code
 * (and from the saved notebook, which any editor can write). It re-serialises only known
 * tags and attributes from a tokenised copy of the input, so nothing it does not know
 * about reaches the page: no scripts, styles, event handlers or javascript: URLs.
 * Pure string code, so it runs the same in the worker, the page and tests.
 */
const ALLOWED_TAGS = new Set([
  "a",
  "b",
  "i",
  "em",
  "strong",
  "u",
  "s",
  "p",
  "br",
  "hr",
  "div",
  "span",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  "caption",
  "code",
  "pre",
  "blockquote",
  "img",
  "sup",
  "sub",
  "small",
  "mark",
  "dl",
  "dt",
  "dd",
  "figure",
  "figcaption",
]);
const VOID_TAGS = new Set(["br", "hr", "img"]);
/** Elements dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "template",
  "noscript",
  "textarea",
  "title",
  "svg",
  "math",
  "frameset",
  "noembed",
  "xmp",
  "plaintext",
]);
const ALLOWED_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  "*": new Set(["title", "class", "align"]),
  a: new Set(["href"]),
  img: new Set(["src", "alt", "width", "height"]),
  td: new Set(["colspan", "rowspan"]),
  th: new Set(["colspan", "rowspan", "scope"]),
};
const URL_ATTRIBUTES = new Set(["href", "src"]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function sanitizeHtml(input: string): string {
  let out = "";
  let i = 0;
  while (i < input.length) {
    const lt = input.indexOf("<", i);
    if (lt < 0) {
      out += escapeText(input.slice(i));
      break;
    }
    out += escapeText(input.slice(i, lt));
    if (input.startsWith("<!--", lt)) {
      const end = input.indexOf("-->", lt + 4);
      i = end < 0 ? input.length : end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const match = TAG.exec(input);
    if (!match) {
      // Not a tag we can read (`<` in text, `<!doctype`, `<?`): shown as text.
      out += "&lt;";
      i = lt + 1;
      continue;
    }
    i = lt + match[0].length;
    const closing = match[1] === "/";
    const tag = match[2]!.toLowerCase();
    if (DROP_WITH_CONTENT.has(tag)) {
      if (!closing) {
        const end = input.toLowerCase().indexOf(`</${tag}`, i);
        i = end < 0 ? input.length : Math.max(i, input.indexOf(">", end) + 1 || input.length);
      }
      continue;
    }
    if (!ALLOWED_TAGS.has(tag)) continue;
    if (closing) {
      if (!VOID_TAGS.has(tag)) out += `</${tag}>`;
      continue;
    }
    out += `<${tag}${attributes(tag, match[3] ?? "")}>`;
  }
  return out;
}

function attributes(tag: string, source: string): string {
  let out = "";
  const allowed = ALLOWED_ATTRIBUTES[tag];
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!ALLOWED_ATTRIBUTES["*"]!.has(name) && !allowed?.has(name)) continue;
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
    if (URL_ATTRIBUTES.has(name) && !safeUrl(value, tag)) continue;
    out += ` ${name}="${escapeAttribute(value)}"`;
  }
  if (tag === "a") out += ' rel="noopener noreferrer" target="_blank"';
  return out;
}

/** http(s), mailto, same-document and relative URLs; images may also be inline data. */
function safeUrl(value: string, tag: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const compact = value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, "").toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
  if (scheme === undefined) return true;
  if (scheme === "http" || scheme === "https" || scheme === "mailto") return true;
  return tag === "img" && /^data:image\/(png|gif|jpeg|webp);/.test(compact);
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", colon: ":", tab: "\t", newline: "\n", sol: "/" };

/** Attribute values are decoded the way the browser will, so URL checks see what would be followed. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

function escapeText(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
