/**
 * Writes minimal Parquet files (one row group, one uncompressed PLAIN data page
 * per column, every column OPTIONAL) so the Parquet reader can be tested against
 * files whose exact content is known. hyparquet only reads, and no writer
 * package is installed. Test support only: not used by the product.
 */

export interface ParquetTestColumn {
  name: string;
  type: "INT32" | "DOUBLE" | "BOOLEAN" | "UTF8" | "DATE";
  /** null marks a missing value; DATE values are days since 1970-01-01. */
  values: (number | string | boolean | null)[];
}

const PHYSICAL = { BOOLEAN: 0, INT32: 1, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const CONVERTED_UTF8 = 0;
const CONVERTED_DATE = 6;
const OPTIONAL = 1;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;

// Thrift compact protocol type ids.
const T_I32 = 5;
const T_I64 = 6;
const T_BINARY = 8;
const T_LIST = 9;
const T_STRUCT = 12;

class CompactWriter {
  readonly bytes: number[] = [];
  private lastField: number[] = [0];

  varint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
  }

  private zigzag(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  private header(id: number, type: number): void {
    const delta = id - this.lastField[this.lastField.length - 1]!;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.lastField[this.lastField.length - 1] = id;
  }

  i32(id: number, value: number): void {
    this.header(id, T_I32);
    this.zigzag(value);
  }

  i64(id: number, value: number): void {
    this.header(id, T_I64);
    this.zigzag(value);
  }

  binary(id: number, text: string): void {
    this.header(id, T_BINARY);
    this.rawBinary(text);
  }

  private rawBinary(text: string): void {
    const encoded = new TextEncoder().encode(text);
    this.varint(encoded.length);
    this.bytes.push(...encoded);
  }

  struct(id: number, body: () => void): void {
    this.header(id, T_STRUCT);
    this.structBody(body);
  }

  structBody(body: () => void): void {
    this.lastField.push(0);
    body();
    this.bytes.push(0);
    this.lastField.pop();
  }

  private listHeader(id: number, size: number, elementType: number): void {
    this.header(id, T_LIST);
    if (size < 15) this.bytes.push((size << 4) | elementType);
    else {
      this.bytes.push(0xf0 | elementType);
      this.varint(size);
    }
  }

  i32List(id: number, values: number[]): void {
    this.listHeader(id, values.length, T_I32);
    for (const v of values) this.zigzag(v);
  }

  binaryList(id: number, values: string[]): void {
    this.listHeader(id, values.length, T_BINARY);
    for (const v of values) this.rawBinary(v);
  }

  structList(id: number, bodies: (() => void)[]): void {
    this.listHeader(id, bodies.length, T_STRUCT);
    for (const body of bodies) this.structBody(body);
  }
}

function physicalType(type: ParquetTestColumn["type"]): number {
  if (type === "UTF8") return PHYSICAL.BYTE_ARRAY;
  if (type === "DATE") return PHYSICAL.INT32;
  return PHYSICAL[type];
}

function bitPack(bits: boolean[]): number[] {
  const out = new Array<number>(Math.ceil(bits.length / 8)).fill(0);
  bits.forEach((bit, i) => {
    if (bit) out[i >> 3]! |= 1 << (i & 7);
  });
  return out;
}

function pageBody(column: ParquetTestColumn): number[] {
  const present = column.values.map((v) => v !== null);
  // Definition levels: one bit-packed run of the RLE hybrid, prefixed by its byte length.
  const levels = new CompactWriter();
  levels.varint((Math.ceil(present.length / 8) << 1) | 1);
  levels.bytes.push(...bitPack(present));
  const out: number[] = [];
  const length = levels.bytes.length;
  out.push(length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24);
  out.push(...levels.bytes);

  const values = column.values.filter((v) => v !== null);
  if (column.type === "BOOLEAN") {
    out.push(...bitPack(values.map((v) => v === true)));
    return out;
  }
  for (const value of values) {
    if (column.type === "UTF8") {
      const encoded = new TextEncoder().encode(String(value));
      const view = new DataView(new ArrayBuffer(4));
      view.setInt32(0, encoded.length, true);
      out.push(...new Uint8Array(view.buffer), ...encoded);
    } else if (column.type === "DOUBLE") {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, Number(value), true);
      out.push(...new Uint8Array(view.buffer));
    } else {
      const view = new DataView(new ArrayBuffer(4));
      view.setInt32(0, Number(value), true);
      out.push(...new Uint8Array(view.buffer));
    }
  }
  return out;
}

export function writeParquetTestFile(columns: ParquetTestColumn[]): Uint8Array {
  const rowCount = columns[0]?.values.length ?? 0;
  const magic = [...new TextEncoder().encode("PAR1")];
  const file: number[] = [...magic];
  const chunks: { offset: number; size: number; column: ParquetTestColumn }[] = [];

  for (const column of columns) {
    const body = pageBody(column);
    const header = new CompactWriter();
    header.structBody(() => {
      header.i32(1, 0); // DATA_PAGE
      header.i32(2, body.length);
      header.i32(3, body.length);
      header.struct(5, () => {
        header.i32(1, column.values.length);
        header.i32(2, ENCODING_PLAIN);
        header.i32(3, ENCODING_RLE);
        header.i32(4, ENCODING_RLE);
      });
    });
    // structBody writes a trailing stop byte, which is the page header's own stop.
    chunks.push({ offset: file.length, size: header.bytes.length + body.length, column });
    file.push(...header.bytes, ...body);
  }

  const meta = new CompactWriter();
  meta.structBody(() => {
    meta.i32(1, 1);
    meta.structList(2, [
      () => {
        meta.binary(4, "schema");
        meta.i32(5, columns.length);
      },
      ...columns.map((column) => () => {
        meta.i32(1, physicalType(column.type));
        meta.i32(3, OPTIONAL);
        meta.binary(4, column.name);
        if (column.type === "UTF8") meta.i32(6, CONVERTED_UTF8);
        if (column.type === "DATE") meta.i32(6, CONVERTED_DATE);
      }),
    ]);
    meta.i64(3, rowCount);
    meta.structList(4, [
      () => {
        meta.structList(
          1,
          chunks.map((chunk) => () => {
            meta.i64(2, chunk.offset);
            meta.struct(3, () => {
              meta.i32(1, physicalType(chunk.column.type));
              meta.i32List(2, [ENCODING_PLAIN, ENCODING_RLE]);
              meta.binaryList(3, [chunk.column.name]);
              meta.i32(4, 0); // UNCOMPRESSED
              meta.i64(5, chunk.column.values.length);
              meta.i64(6, chunk.size);
              meta.i64(7, chunk.size);
              meta.i64(9, chunk.offset);
            });
          }),
        );
        meta.i64(
          2,
          chunks.reduce((sum, chunk) => sum + chunk.size, 0),
        );
        meta.i64(3, rowCount);
      },
    ]);
  });
  const length = meta.bytes.length;
  file.push(...meta.bytes, length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24, ...magic);
  return Uint8Array.from(file);
}
