/**
 * Tells a text file from a binary one before it is parsed as CSV. Without this, any bytes became
 * a table: a 10-byte file of NULs and invalid UTF-8 uploaded as evil.csv was stored as a 1-row
 * dataset, and a spreadsheet saved as .xlsx but named .csv became columns of mojibake.
 *
 * Text never holds a NUL byte (UTF-16 does, so its byte-order marks get their own advice), and
 * the other C0 control characters are rare in real text: more than 1 % of the first 64 KiB means
 * the file is not text. Latin-1 and other legacy encodings pass (they are text, just not UTF-8).
 */

const SAMPLE_BYTES = 64 * 1024;
const MAX_CONTROL_SHARE = 0.01;

const KNOWN_BINARY: readonly { magic: readonly number[]; advice: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], advice: "It is a ZIP archive (an Excel .xlsx workbook is one): export the sheet as CSV (UTF-8) first." },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], advice: "It is an old Excel (.xls) or Office file: export the sheet as CSV (UTF-8) first." },
  { magic: [0x1f, 0x8b], advice: "It is gzip-compressed: decompress it first." },
  { magic: [0x25, 0x50, 0x44, 0x46], advice: "It is a PDF: export its table as CSV first." },
  { magic: [0xff, 0xfe], advice: "It is UTF-16 text: save it as CSV (UTF-8) instead." },
  { magic: [0xfe, 0xff], advice: "It is UTF-16 text: save it as CSV (UTF-8) instead." },
];

/** A sentence saying why the bytes are not a text file, or null when they read as text. */
export function notTextProblem(bytes: Uint8Array): string | null {
  const known = KNOWN_BINARY.find(({ magic }) => magic.every((byte, i) => bytes[i] === byte));
  if (known) return `This is not a text file. ${known.advice}`;
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `This is not a text file: it holds a NUL byte at byte ${nul.toLocaleString("en-US")}. Upload CSV, JSON or Parquet.`;
  const sample = Math.min(bytes.length, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < sample; i++) if (isControl(bytes[i]!)) controls++;
  if (controls > sample * MAX_CONTROL_SHARE) {
    return `This is not a text file: ${controls.toLocaleString("en-US")} of its first ${sample.toLocaleString("en-US")} bytes are control characters. Upload CSV, JSON or Parquet.`;
  }
  return null;
}

/** C0 control characters other than tab, line feed, form feed and carriage return. */
function isControl(byte: number): boolean {
  return byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d;
}
