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

  toResponse(): Response {
    return Response.json({ error: this.body }, { status: this.status, headers: this.headers });
  }
}
