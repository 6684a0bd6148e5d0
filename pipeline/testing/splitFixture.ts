import type { SplitParams } from "../ml/split/split";

/**
 * A 400-row CSV with every kind of cell the split hash reads: decimals, -0, missing
 * numbers, integers, dates, a category with missing values, free text (accents, emoji),
 * and duplicate rows (which must land together). Deterministic, so the assignments
 * below, computed once, pin the split in Node and in the browser alike.
 */
export function splitFixtureCsv(): string {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const colors = ["red", "green", "blue", ""];
  const words = ["naïve", "café", "🙂 ok", "plain", "x,y"];
  const lines = ["x,n,day,color,note,label"];
  for (let r = 0; r < 400; r++) {
    if (r % 50 === 49) {
      lines.push(lines[r]!); // a duplicate of the row before
      continue;
    }
    const x = r % 37 === 0 ? "-0" : r % 41 === 0 ? "NA" : ((next() - 0.5) * 200).toFixed(r % 3 === 0 ? 2 : 6);
    const n = Math.floor(next() * 1000) - 500;
    const day = `2024-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 10)}`;
    const color = colors[Math.floor(next() * colors.length)]!;
    const note = `"${words[Math.floor(next() * words.length)]} ${r}"`;
    const label = next() < 0.3 ? "yes" : "no";
    lines.push([x, n, day, color, note, label].join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Each row's part as one letter: t(rain), v(alidation), s (test). */
export function assignmentLetters(split: { train: Int32Array; validation: Int32Array; test: Int32Array }, rowCount: number): string {
  const letters = new Array<string>(rowCount).fill("?");
  for (const r of split.train) letters[r] = "t";
  for (const r of split.validation) letters[r] = "v";
  for (const r of split.test) letters[r] = "s";
  return letters.join("");
}

/**
 * The fixture's assignments per params, computed once. The "text" cases were checked
 * against split version 1's code before it was replaced: they must never change.
 */
export const SPLIT_FIXTURE_CASES: { name: string; params: SplitParams; expected: string }[] = [
  {
    name: "exact, 70/15/15, cells",
    params: { train: 0.7, validation: 0.15, test: 0.15, seed: 0, hash: "cells" },
    expected:
      "tvttsvtttttttttvtstttvtvttttsttttvtttttstttvtttstttvvttttttstvtstttttttststvttvtstttttttttttststttsstvtttttttsstttvvttttstttvsttsvvtvtvttttvvtttvtttssttsvtsttttttvtstttttsvsvttsvtttttstttstttsvttttstttttvttttttttttsstvvtttvttttttvtttsttttttttsttststtttttvtvtttttttttttttvvvvtttttstsstvtstttttvttsttsstttttvtttstvsttvvttvttvvttttttsttttttttsttsvssstttvtttttttssttttvtvtttstvsvttvttstvvttvstttttsttsvtt",
  },
  {
    name: "exact, 70/15/15, text",
    params: { train: 0.7, validation: 0.15, test: 0.15, seed: 0, hash: "text" },
    expected:
      "tvsttvsvstvttvststvttttttttvtvttttststttssttstttttstttttttttsttvstttstvttstttttstttttvsttstttttvvtttsvsttttttstvtstvttvtttstvtvstttttttttvttvtvttsttttttttttvtsttvtttttvttvtttvtttttttttttvtsststtttvtvvttvttstvsttvtvvtttvvtttttttttvttssvvtttttvttttvvsstvttvvtttvttttttstttsttttttttttvttvvtstvststtttsttttttttttttssttttvtttvttvsttttttvtssttttttststtssttttttsttttstvttsstttttttttttststtssttvtttstvvtttstt",
  },
  {
    name: "exact, seed 42, stratified by label, cells",
    params: { train: 0.8, test: 0.2, seed: 42, stratify: "label", hash: "cells" },
    expected:
      "tsttttttttsttsststtsssttsttttttsstttttttttttsttttttstttttstttttsttttttttttttstttssttttttsttstttstttttttttstttttttttstttttststttttttttttttttttststttsttttttttststtttstttttttstttstttttttttttsttttsttsttttttssttttttttstttstttstttttststtttttstttssttststtssttstsstssttttttttstttttsssttttttttttttttttststttttttststtttssttttttsttststttsttttttttttttsttttttttttsttsttststtttttttttsttstttttttttttttsttttstssttttt",
  },
  {
    name: "exact, seed 42, stratified by label, text",
    params: { train: 0.8, test: 0.2, seed: 42, stratify: "label", hash: "text" },
    expected:
      "sttttsssststtttsttttttttttttttttttststttttttttsttttttsttssttstststssstttstttttttstssttttsstttttttttttststttttttttttssttttsststttttttstttstsssttstttstttttttttttsttttstttstttttststttsstttstttttttttttttttttttstttttttsttttstttststststtttttsttsttttttstttttttttttstttttttsttttsttttsttttststttttttttttttttttttttttttttttttttttttttttssttstttttttststtttsttstttttstttttstsssttstttttttsttttttttttttttstttttttttss",
  },
  {
    name: "threshold, cells",
    params: { train: 0.6, validation: 0.2, test: 0.2, seed: 3, assignment: "threshold", hash: "cells" },
    expected:
      "tsvvttvsvtttvttvvtvsttttttsttvttsttvvttstttvtvsvttsttvtttvtstttsvttttvstvvvttttttssssvvtstttttttttssttttttssttvtsvtststssttvstttvvtsttststststttttvstttttttsttttsttvttsttttttvvsssttstttvttvtttvtttstvtttttttsttttsttttvstttttttvvtvvtttttstvttvtsttstttvvttvsttvttttttsvttttttttvvttttsstttvvstttvsttvtstttsttvtsttstsstststtsttstttttsvttvsvststvsttsstvttvvttvvvttvvsttttssttststtttstttvtvttsttttttvttsttttt",
  },
  {
    name: "threshold, text",
    params: { train: 0.6, validation: 0.2, test: 0.2, seed: 3, assignment: "threshold", hash: "text" },
    expected:
      "vsvttttstttvvttttvstttttttssvtttsttttvttsttvtsttttstvtsttsttvsvtsvtstsssttttvsttsttvtttsttssststttttvtvvtvsvttvsvtttvttsttttttvttvtvtvtttttstttvvtttttttvttttttttsttvtttvtvtsvvtvvtttvsttvtvtvstvtttvvsstttsvvtvtsttsttttttttvtttvtvttstvtttttvvvtttttvsssttvsvttvttttsssvttvttvvvtstttttsttvttttttvtstvtsvvvtstttttsttvstsststtsvsvvtstttttstvtsvtststtvvvtttsvvssttvvsttsttttstttttttsttststvttttstsvvtvsttvtt",
  },
  {
    name: "keyed by color, cells",
    params: { train: 0.5, test: 0.5, seed: 1, key: "color", hash: "cells" },
    expected:
      "tsststststtssstsststtstsstststttttstttttttsstssstttssststttssstststsststsssssstssstssstssttsttttttttssttttssttsttttssssttstssststssttssttsssttttstssssstttttststsstsststttttttsttstststttttttttssststtttttstssstssttttstssttttstttststtssstttstssststttsttttsstttststttssststttttstsstsssssssssstttssstttstttttssttsststststtsstttssttttttttsttssttsstttttttsssttstttstssttststststttttsstsssssssttstttsssststtt",
  },
  {
    name: "keyed by color, text",
    params: { train: 0.5, test: 0.5, seed: 1, key: "color", hash: "text" },
    expected:
      "ssttstssttsttttttssststsssststttsssttttsttttsttstttstststtsstssstttstttttststtststttsssstssststttstttsttstsssttstttttttttsststsstssttttsststtttttststttttsstssststssttstttssssssstsstsssssstttttsstststtssssstttsstssststststststtssssttttsttststttstststtsttsttsssssttststssssstssttststtstststststttstsssststtttssttststssttsttsttttsstststsstssstsssstttsttttttstsstttsttssssttstsststtsstssstttsststsstssstt",
  },
];

/** The fixture's column types: the note column is free text, as in a real table of comments. */
export const SPLIT_FIXTURE_TYPES = { note: "text" } as const;
