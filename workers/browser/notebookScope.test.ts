import { describe, expect, it } from "vitest";
import { topLevelNames } from "./notebookScope";

describe("topLevelNames", () => {
  it("finds top-level declarations but not nested ones", () => {
    const code = `const iris = await vajra.dataset("iris");
let a = 1, b = { c: 2 }, [d, e] = [3, 4];
var { f, g: h, i = 5 } = obj
function plotIt(x) { const inner = x; return inner }
class Model {}
if (a) { let hidden = 1 }
const s = \`\${a + 1} const fake = 1\`; // const commented = 1
const r = /const re = 1/g.test("x")
const arrow = (p) => { const q = p; return q };`;
    expect(topLevelNames(code).sort()).toEqual(["Model", "a", "arrow", "b", "d", "e", "f", "h", "i", "iris", "plotIt", "r", "s"].sort());
  });

  it("ends a declaration at a line break that ends the statement", () => {
    expect(topLevelNames("const x = 1\nfoo(x), bar\nlet y = 2").sort()).toEqual(["x", "y"]);
  });
});
