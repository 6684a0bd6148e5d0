import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "./sanitizeHtml";

describe("sanitizeHtml", () => {
  it("keeps allowed markup", () => {
    expect(sanitizeHtml('<h2 class="t">Iris</h2><p>a <b>bold</b> &amp; <i>it</i><br/></p><table><tr><td colspan="2">1</td></tr></table>')).toBe(
      '<h2 class="t">Iris</h2><p>a <b>bold</b> &amp; <i>it</i><br></p><table><tr><td colspan="2">1</td></tr></table>',
    );
  });

  it("drops scripts, styles and iframes with their content", () => {
    expect(sanitizeHtml("<p>x</p><script>alert(1)</script><style>p{}</style><iframe src=x></iframe><SCRIPT>y()</SCRIPT >z")).toBe("<p>x</p>z");
  });

  it("drops event handlers and unknown attributes and tags", () => {
    expect(sanitizeHtml('<img src="a.png" onerror="alert(1)" style="x"><div onclick=alert(1)>d</div><blink>b</blink>')).toBe('<img src="a.png"><div>d</div>b');
  });

  it("refuses javascript: and other scripting URLs, however they are disguised", () => {
    for (const href of [
      "javascript:alert(1)",
      " JaVaScRiPt:alert(1)",
      "java\tscript:x",
      "jav&#x61;script:x",
      "&#106;avascript:x",
      "javascript&colon;x",
      "vbscript:x",
      "data:text/html,<script>",
    ]) {
      expect(sanitizeHtml(`<a href="${href}">l</a>`)).toBe('<a rel="noopener noreferrer" target="_blank">l</a>');
    }
    expect(sanitizeHtml('<a href="https://example.com/?a=1&amp;b=2">l</a>')).toBe(
      '<a href="https://example.com/?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">l</a>',
    );
  });

  it("escapes text that only looks like markup and removes comments", () => {
    expect(sanitizeHtml("1 < 2 <!-- <script>x</script> --> 3 > 2 <<img src=x onerror=alert(1)//")).toBe(
      "1 &lt; 2  3 &gt; 2 &lt;&lt;img src=x onerror=alert(1)//",
    );
    expect(sanitizeHtml('<p title="a&quot;><script>x</script>">t</p>')).toBe('<p title="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;">t</p>');
  });
});
