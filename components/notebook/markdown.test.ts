import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders headings, emphasis, lists, code, links and tables", () => {
    const html = renderMarkdown(
      "# Iris\nPetals **separate** *setosa*.\n\n- one\n- `two`\n\n1. first\n\n```js\nconst a = 1;\n```\n\n[docs](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain("<h1>Iris</h1>");
    expect(html).toContain("<p>Petals <strong>separate</strong> <em>setosa</em>.</p>");
    expect(html).toContain("<ul>\n<li>one</li>\n<li><code>two</code></li>\n</ul>");
    expect(html).toContain("<ol>\n<li>first</li>\n</ol>");
    expect(html).toContain('<pre><code class="language-js">const a = 1;\n</code></pre>');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer" target="_blank">docs</a>');
    expect(html).toContain("<td>1</td>");
  });

  it("renders hostile Markdown inert: no script, event handler or javascript: link", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) <a href="JaVaScript:alert(4)" onclick="alert(5)">y</a>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|alert\(1\)/i);
    expect(html).toContain('<img src="x">');
    expect(html).toContain(">x</a>");
  });
});
