// Errors that carry their HTTP status. The handler factory turns any HttpError into application/problem+json;
// anything else becomes a 500 whose details are never sent to the client.

export interface FieldError {
  path: string;
  message: string;
  /** A stable code the staff form translates (en/hi) without parsing English text. */
  code?: string;
  /** In a file (an import): the spreadsheet row (the header is row 1) and the column the problem is in. */
  row?: number;
  column?: string;
}

export class HttpError extends Error {
  readonly expose = true;
  constructor(
    readonly statusCode: number,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Extension members of the problem (RFC 9457): e.g. an import's counts beside its errors. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
  }
  get type(): string {
    return `https://sakhi-osc.github.io/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpError(400, 'Invalid input', detail, errors);
export const unauthorized = (detail = 'A valid bearer token is required') => new HttpError(401, 'Unauthorized', detail);
export const forbidden = (detail = 'Your role may not do this') => new HttpError(403, 'Forbidden', detail);
/** Also used for anything outside the caller's scope, so a case of another centre is never revealed. */
export const notFound = (detail = 'Not found') => new HttpError(404, 'Not found', detail);
export const conflict = (detail: string) => new HttpError(409, 'Conflict', detail);
export const preconditionFailed = (detail = 'The case has changed since you read it; reload and try again') =>
  new HttpError(412, 'Precondition failed', detail);
/** 428: a change that could overwrite someone else's must name the version it was made on (If-Match). */
export const preconditionRequired = (detail = 'Send If-Match with the version of the case you are changing') =>
  new HttpError(428, 'Precondition required', detail, [
    { path: 'header.If-Match', code: 'required', message: 'This field is required' },
  ]);
export const payloadTooLarge = (
  limit: number,
  detail = `The body may be at most ${limit} bytes`,
  errors?: FieldError[],
) => new HttpError(413, 'Payload too large', detail, errors);
/** 415: the body is not of the type the route takes (`type`); `detail` and `errors` when a field says why. */
export const unsupportedMediaType = (
  type = 'application/json',
  errors?: FieldError[],
  detail = `The body must be ${type}`,
) => new HttpError(415, 'Unsupported media type', detail, errors);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export function toProblem(err: HttpError): Problem {
  return {
    ...err.extensions,
    type: err.type,
    title: err.title,
    status: err.statusCode,
    detail: err.message,
    ...(err.errors ? { errors: err.errors } : {}),
  };
}
