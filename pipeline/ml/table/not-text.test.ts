import { describe, expect, it } from "vitest";
import { notTextProblem } from "./not-text";
import { readCsv } from "./read-csv";

const encode = (text: string) => new TextEncoder().encode(text);

describe("notTextProblem", () => {
  it("passes UTF-8, Latin-1 and CSV with tabs, form feeds and CRLF line ends", () => {
    expect(notTextProblem(encode("a,b\r\n1,\tx\f\r\n2,Zürich\n"))).toBeNull();
    expect(notTextProblem(Uint8Array.of(0x61, 0x0a, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x0a))).toBeNull();
    expect(notTextProblem(new Uint8Array(0))).toBeNull();
  });

  it("names the NUL byte a binary file holds, wherever it is", () => {
    const late = encode(`a,b\n${"1,2\n".repeat(50_000)}`);
    late[late.length - 3] = 0;
    expect(notTextProblem(late)).toBe(
      `This is not a text file: it holds a NUL byte at byte ${(late.length - 3).toLocaleString("en-US")}. Upload CSV, JSON or Parquet.`,
    );
  });

  it("refuses text where more than 1 % of the first 64 KiB are control characters, and takes 1 %", () => {
    const body = encode("x".repeat(1000));
    for (let i = 0; i < 10; i++) body[i * 100] = 0x01;
    expect(notTextProblem(body)).toBeNull();
    body[999] = 0x1b;
    expect(notTextProblem(body)).toBe("This is not a text file: 11 of its first 1,000 bytes are control characters. Upload CSV, JSON or Parquet.");
  });

  it("recognises workbooks, old Office files, gzip, PDF and UTF-16 and says what to do", () => {
    expect(notTextProblem(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x61))).toContain("ZIP archive");
    expect(notTextProblem(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0x61))).toContain("old Excel");
    expect(notTextProblem(Uint8Array.of(0x1f, 0x8b, 0x08))).toContain("gzip");
    expect(notTextProblem(encode("%PDF-1.7\n"))).toContain("PDF");
    expect(notTextProblem(Uint8Array.of(0xff, 0xfe, 0x61, 0x00))).toContain("UTF-16");
  });

  it("makes readCsv refuse binary bytes and strings holding NUL", () => {
    expect(() => readCsv(Uint8Array.of(0x00, 0xff, 0xfe, 0x41))).toThrow("This is not a text file");
    expect(() => readCsv("a,b\n1,\u0000\n")).toThrow("NUL byte at byte 6");
    expect(readCsv("a,b\n1,2\n").rowCount).toBe(1);
  });
});
