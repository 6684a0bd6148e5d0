import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders headings, emphasis, lists, code and links", () => {
    expect(renderMarkdown("# Iris\nPetals **separate** *setosa*.\n\n- one\n- `two`\n\n[docs](https://example.com)")).toBe(
      '<h1>Iris</h1><p>Petals <strong>separate</strong> <em>setosa</em>.</p><ul><li>one</li><li><code>two</code></li></ul><p><a href="https://example.com" rel="noopener noreferrer" target="_blank">docs</a></p>',
    );
  });

  it("shows markup in a note as text and drops script links", () => {
    expect(renderMarkdown("<img src=x onerror=alert(1)> [x](javascript:void0)")).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; <a rel="noopener noreferrer" target="_blank">x</a></p>',
    );
  });
});
