import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../models/random";
import { readCsv } from "../table/read-csv";
import { getColumn, type Table } from "../table/table";
import { augmentImageRows, augmentTextColumn } from "./augment-copies";
import { addGaussianNoise } from "./gaussian-noise";
import { flipHorizontal, rotateAndShift } from "./image-augment";
import { smote } from "./smote";
import { augmentText, synonymsOf } from "./text-augment";
import { THESAURUS } from "./thesaurus";

const numbers = (t: Table, name: string) => {
  const c = getColumn(t, name);
  return c.type === "category" || c.type === "text" ? [] : Array.from(c.values);
};

describe("SMOTE", () => {
  const table: Table = {
    rowCount: 6,
    columns: [
      { name: "x", type: "number", values: Float64Array.from([0, 1, 2, 3, 10, 20]) },
      { name: "shop", type: "category", codes: Int32Array.from([0, 0, 0, 0, 1, 1]), levels: ["a", "b"] },
      { name: "y", type: "category", codes: Int32Array.from([0, 0, 0, 0, 1, 1]), levels: ["maj", "min"] },
    ],
  };

  it("balances the minority class with points between same-class neighbours, repeatably", () => {
    const out = smote(table, { target: "y", k: 1, seed: 3 });
    expect(out.rowCount).toBe(8);
    const y = getColumn(out, "y");
    expect(y.type === "category" && Array.from(y.codes.slice(6))).toEqual([1, 1]);
    // The minority class has two rows (10 and 20), each the other's only neighbour.
    for (const x of numbers(out, "x").slice(6)) expect(x >= 10 && x <= 20).toBe(true);
    expect(numbers(smote(table, { target: "y", k: 1, seed: 3 }), "x")).toEqual(numbers(out, "x"));
    expect(numbers(out, "x").slice(0, 6)).toEqual([0, 1, 2, 3, 10, 20]);
  });

  it("balances credit_data (categoricals, missing values) up to the largest class", () => {
    const credit = readCsv(readFileSync(new URL("../../../public/datasets/credit_data.csv", import.meta.url)));
    const status = getColumn(credit, "Status");
    const counts = status.type === "category" ? [0, 1].map((k) => Array.from(status.codes).filter((c) => c === k).length) : [];
    const out = smote(credit, { target: "Status", seed: 1 });
    const after = getColumn(out, "Status");
    const newCounts = after.type === "category" ? [0, 1].map((k) => Array.from(after.codes).filter((c) => c === k).length) : [];
    expect(Math.max(...newCounts)).toBe(Math.max(...counts));
    expect(Math.min(...newCounts)).toBe(Math.max(...counts));
  });
});

describe("Gaussian noise", () => {
  it("appends jittered copies with the requested spread", () => {
    const values = Float64Array.from({ length: 2000 }, (_, i) => (i % 2) * 2); // sd 1
    const out = addGaussianNoise({ rowCount: 2000, columns: [{ name: "v", type: "number", values }] }, { columns: ["v"], scale: 0.5, seed: 1 });
    const x = numbers(out, "v");
    const diffs = x.slice(2000).map((v, i) => v - x[i]!);
    const sd = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length);
    expect(sd).toBeGreaterThan(0.45);
    expect(sd).toBeLessThan(0.55);
  });
});

describe("text augmentation", () => {
  it("bundles a thesaurus of a few hundred words with symmetric synonyms", () => {
    expect(THESAURUS.size).toBeGreaterThan(300);
    expect(synonymsOf("Tasty!")).toContain("delicious");
    expect(THESAURUS.get("delicious")).toContain("tasty");
  });

  it("replaces, inserts, swaps and deletes words, seeded", () => {
    const text = "This coffee is very good and the price is cheap";
    expect(augmentText(text, { synonymReplacement: 0.3, randomInsertion: 0, randomSwap: 0, randomDeletion: 0 }, new SeededRandom(1)).split(" ")).toHaveLength(
      10,
    );
    const replaced = augmentText(text, { synonymReplacement: 1, randomInsertion: 0, randomSwap: 0, randomDeletion: 0 }, new SeededRandom(1));
    expect(replaced).not.toContain("good");
    expect(replaced).not.toContain("cheap");
    const inserted = augmentText(text, { synonymReplacement: 0, randomInsertion: 0.2, randomSwap: 0, randomDeletion: 0 }, new SeededRandom(2));
    expect(inserted.split(" ")).toHaveLength(12);
    const swapped = augmentText(text, { synonymReplacement: 0, randomInsertion: 0, randomSwap: 0.3, randomDeletion: 0 }, new SeededRandom(3));
    expect(swapped.split(" ").sort()).toEqual(text.split(" ").sort());
    const deleted = augmentText(text, { synonymReplacement: 0, randomInsertion: 0, randomSwap: 0, randomDeletion: 0.5 }, new SeededRandom(4));
    expect(deleted.split(" ").length).toBeLessThan(10);
    expect(augmentText(text, {}, new SeededRandom(9))).toBe(augmentText(text, {}, new SeededRandom(9)));
  });

  it("appends augmented copies of a text column and keeps the label", () => {
    const table: Table = {
      rowCount: 2,
      columns: [
        { name: "t", type: "text", values: ["good food", null] },
        { name: "y", type: "category", codes: Int32Array.from([0, 1]), levels: ["a", "b"] },
      ],
    };
    const out = augmentTextColumn(table, "t", 2, { synonymReplacement: 1, randomInsertion: 0, randomSwap: 0, randomDeletion: 0 }, 0);
    expect(out.rowCount).toBe(6);
    const t = getColumn(out, "t");
    expect(t.type === "text" && t.values[2] !== "good food" && t.values[3]).toBe(null);
  });
});

describe("image augmentation", () => {
  // 3 × 3 image with a single lit pixel at row 1, column 2.
  const image = Float64Array.from([0, 0, 0, 0, 0, 9, 0, 0, 0]);

  it("flips, rotates and shifts by hand-checked pixel positions", () => {
    expect(Array.from(flipHorizontal(image, 3, 3))).toEqual([0, 0, 0, 9, 0, 0, 0, 0, 0]);
    // 90° counter-clockwise moves the right-middle pixel to the top-middle.
    expect(Array.from(rotateAndShift(image, 3, 3, 90, 0, 0, "nearest", 0)).map(Math.round)).toEqual([0, 9, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(rotateAndShift(image, 3, 3, 0, -1, 1, "bilinear", 0))).toEqual([0, 0, 0, 0, 0, 0, 0, 9, 0]);
    // Half a pixel to the right, bilinear: the lit pixel spreads over two neighbours.
    expect(Array.from(rotateAndShift(Float64Array.from([0, 8, 0, 0]), 2, 2, 0, 0.5, 0, "bilinear", 0))).toEqual([0, 4, 0, 0]);
  });

  it("augments digits rows inside the pixel range", () => {
    const digits = readCsv(readFileSync(new URL("../../../public/datasets/digits.csv", import.meta.url)));
    const pixels = digits.columns.filter((c) => c.name !== "digit").map((c) => c.name);
    const sample = {
      rowCount: 20,
      columns: digits.columns.map((c) =>
        c.type === "category"
          ? { ...c, codes: c.codes.slice(0, 20) }
          : c.type === "text"
            ? { ...c, values: c.values.slice(0, 20) }
            : { ...c, values: c.values.slice(0, 20) },
      ),
    };
    const out = augmentImageRows(sample, pixels, 1, { height: 8, width: 8, maxRotationDegrees: 10, maxShift: 1, range: [0, 16] }, 5);
    expect(out.rowCount).toBe(40);
    const all = pixels.flatMap((name) => numbers(out, name).slice(20));
    expect(Math.min(...all)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...all)).toBeLessThanOrEqual(16);
    expect(
      pixels.some((name) =>
        numbers(out, name)
          .slice(20)
          .some((v, i) => v !== numbers(out, name)[i]),
      ),
    ).toBe(true);
  });
});
