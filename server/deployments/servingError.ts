/** The serving API's one error shape: `{ error: { code, message, index?, field? } }`, so clients can branch on `code`. */
export interface ServingErrorBody {
  code: string;
  message: string;
  /** Which instance of the batch was refused. */
  index?: number;
  /** Which feature of that instance. */
  field?: string;
  /** On a 500: the id the details were logged under. */
  requestId?: string;
}

export class ServingError extends Error {
  constructor(
    readonly status: number,
    readonly body: ServingErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }

  /** The answer: `{ error: body }` as JSON (what Response.json would make of it), header names in lower case as a Response has them. */
  toAnswer(): PlainAnswer {
    return servingErrorAnswer(this.status, this.body, this.headers);
  }
}

/** A ServingError's answer without making the error (an Error captures a stack trace, too dear for a common answer such as 404). */
export function servingErrorAnswer(status: number, body: ServingErrorBody, extraHeaders: Record<string, string> = {}): PlainAnswer {
  const headers: Record<string, string> = { "content-type": JSON_CONTENT_TYPE };
  for (const name in extraHeaders) headers[name.toLowerCase()] = extraHeaders[name]!;
  return { status, headers, body: JSON.stringify({ error: body }) };
}

/** What Response.json() sets. */
export const JSON_CONTENT_TYPE = "application/json";

/** An HTTP answer as plain values: what the predict route answers, whichever server carries it. */
export interface PlainAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** JSON text. */
  body: string;
}
