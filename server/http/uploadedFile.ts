import { readFile } from "node:fs/promises";
import { DomainError } from "../errors/domainError";
import { receiveBodyFile } from "./bodyFile";
import { receiveMultipartFile } from "./multipartFile";

/** Multipart adds boundaries, part headers and the small text fields around the file: a body may be this much over its file's limit. */
export const MULTIPART_FRAMING_BYTES = 64 * 1024;

export interface UploadedFile {
  /** The whole file, at most the limit asked for: the parsers behind the upload routes take it in one piece. */
  bytes: Uint8Array;
  /** The multipart file's own name, else the `fileName` parameter; null when neither says. */
  fileName: string | null;
  /** The route's parameters that were sent, each from the form when it has it, else from the query string. */
  fields: Map<string, string>;
}

/**
 * Receives a file sent either way the upload routes take one: multipart/form-data with the file in
 * the field `file` and parameters as form fields, or the raw file as the body with parameters in
 * the query string. `fieldNames` are the route's parameters besides `fileName`.
 */
export async function receiveUploadedFile(req: Request, maxFileBytes: number, fieldNames: readonly string[]): Promise<UploadedFile> {
  const query = new URL(req.url).searchParams;
  const fields = new Map<string, string>();
  for (const name of fieldNames) {
    const value = query.get(name);
    if (value !== null) fields.set(name, value);
  }
  if (!(req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const body = await receiveBodyFile(req, maxFileBytes);
    try {
      return { bytes: new Uint8Array(await readFile(body.path)), fileName: query.get("fileName"), fields };
    } finally {
      await body.dispose();
    }
  }
  const form = await receiveMultipartFile(req, { fileField: "file", maxFileBytes, maxFieldBytes: 1024, maxFields: 8 });
  try {
    if (form.file === null) throw new DomainError("invalid", 'Send the file in a form field named "file".');
    for (const name of fieldNames) {
      const value = form.fields.get(name);
      if (value !== undefined) fields.set(name, value);
    }
    // An empty name (a file input sends one for a pasted blob) says nothing: fall back to the parameter.
    const fileName = form.file.fileName || form.fields.get("fileName") || query.get("fileName");
    return { bytes: new Uint8Array(await readFile(form.file.path)), fileName, fields };
  } finally {
    await form.dispose();
  }
}
