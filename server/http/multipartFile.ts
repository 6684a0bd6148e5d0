import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { DomainError } from "../errors/domainError";
import { bodyTooLarge } from "./bodyLimit";

/**
 * Receives a multipart/form-data body with one file, streaming the file to a temporary file as
 * it arrives. `Request.formData()` buffers the whole body first: a 120 MB upload grew the server
 * by ~400 MB before the 50 MB check ran. Here memory stays at a few chunks, and a file past its
 * limit stops the upload at once (413) and leaves nothing on disk.
 */

export interface MultipartLimits {
  /** The form field that carries the file; other file fields are refused. */
  fileField: string;
  maxFileBytes: number;
  /** Text fields (e.g. a name) are small; longer ones are refused rather than cut. */
  maxFieldBytes: number;
  maxFields: number;
}

export interface ReceivedForm {
  /** The file, on disk until `dispose()`; null when the form had no file field. */
  file: { path: string; fileName: string | null; bytes: number } | null;
  fields: Map<string, string>;
  /** Deletes the temporary file. Always call it, in a `finally`. */
  dispose(): Promise<void>;
}

/** A form the client must fix (malformed, extra files, oversized fields): answered with 400. */
export class MultipartRejected extends DomainError {
  constructor(message: string) {
    super("invalid", message);
  }
}

export async function receiveMultipartFile(req: Request, limits: MultipartLimits): Promise<ReceivedForm> {
  if (req.body === null) throw new MultipartRejected("The form is empty.");
  const directory = await mkdtemp(path.join(tmpdir(), "vajra-upload-"));
  const dispose = () => rm(directory, { recursive: true, force: true });
  try {
    const received = await receive(req.body, req.headers.get("content-type") ?? "", directory, limits);
    return { ...received, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

function receive(body: ReadableStream<Uint8Array>, contentType: string, directory: string, limits: MultipartLimits) {
  return new Promise<Omit<ReceivedForm, "dispose">>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // Browsers send file names as raw UTF-8; busboy's default would read them as Latin-1.
        defParamCharset: "utf8",
        limits: { files: 1, fileSize: limits.maxFileBytes, fields: limits.maxFields, fieldSize: limits.maxFieldBytes, parts: limits.maxFields + 1 },
      });
    } catch {
      reject(new MultipartRejected("The body is not multipart/form-data with a boundary."));
      return;
    }
    const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
    const fields = new Map<string, string>();
    let file: { path: string; fileName: string | null; bytes: number } | null = null;
    let written: Promise<void> = Promise.resolve();
    let failed = false;
    let fileStream: Readable | null = null;

    // Stops reading at once: the rest of an oversized upload is never pulled off the socket.
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      source.unpipe(parser);
      source.destroy();
      // Busboy calls us from inside its parser (e.g. the file 'limit' event) and still touches its
      // state afterwards, so tear it down once that call has returned.
      setImmediate(() => {
        parser.destroy();
        // Ends the pipeline to the temporary file too, so its descriptor closes before the delete.
        fileStream?.destroy();
        reject(error);
      });
    };

    parser.on("file", (name, stream, info) => {
      if (name !== limits.fileField) {
        stream.resume();
        fail(new MultipartRejected(`Send the file in a form field named "${limits.fileField}".`));
        return;
      }
      const target = path.join(directory, "upload");
      const received = { path: target, fileName: info.filename ?? null, bytes: 0 };
      file = received;
      fileStream = stream;
      stream.on("data", (chunk: Buffer) => (received.bytes += chunk.byteLength));
      stream.on("limit", () => fail(bodyTooLarge(limits.maxFileBytes)));
      written = pipeline(stream, createWriteStream(target)).catch((error: unknown) => fail(error));
    });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated)
        fail(new MultipartRejected(`The form field "${name.slice(0, 40)}" is longer than ${limits.maxFieldBytes} bytes.`));
      else fields.set(name, value);
    });
    parser.on("filesLimit", () => fail(new MultipartRejected("Send one file per upload.")));
    parser.on("fieldsLimit", () => fail(new MultipartRejected(`The form has more than ${limits.maxFields} fields.`)));
    parser.on("partsLimit", () => fail(new MultipartRejected(`The form has more than ${limits.maxFields + 1} parts.`)));
    parser.on("error", () => fail(new MultipartRejected("The form data is malformed.")));
    // The body stream fails when the request's own byte limit is crossed (see bodyLimit.ts).
    source.on("error", (error) => fail(error));
    parser.on("close", () => {
      void written.then(() => {
        if (!failed) resolve({ file, fields });
      });
    });
    source.pipe(parser);
  });
}
