// Typed API errors: every answer that is not a success is `{ error: { code, message } }`
// with a stable code. Anything unexpected becomes `internal` (500) and is logged.
export type ApiErrorCode =
  | 'bad-request'
  | 'bad-json'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'bad-rev'
  | 'unauthorized'
  | 'bad-credentials'
  | 'username-taken'
  | 'not-found'
  | 'too-many-requests'
  | 'checkpoint-gone'
  | 'unavailable'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Seconds to wait, sent as `Retry-After`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const badCredentials = () => new ApiError(401, 'bad-credentials', 'Wrong username or password.');
export const unauthorized = () => new ApiError(401, 'unauthorized', 'Log in again: no valid session.');
export const tooMany = (seconds: number) =>
  new ApiError(
    429,
    'too-many-requests',
    'Too many attempts; wait before trying again.',
    Math.max(1, Math.ceil(seconds)),
  );

/** Fastify's own 4xx errors (validation, parsing, limits) mapped to our codes. */
export function fromFastifyError(error: { statusCode?: number; code?: string; message: string }): ApiError {
  const status = error.statusCode ?? 500;
  if (status >= 500 || status < 400) return new ApiError(500, 'internal', 'The server failed; try again.');
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'body-too-large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported-media-type', 'Send JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'bad-json', 'The body is not valid JSON.');
    default:
      if (error.code === 'FST_ERR_VALIDATION') return new ApiError(400, 'bad-request', error.message);
      if (status === 404) return new ApiError(404, 'not-found', 'Not found.');
      if (status === 413) return new ApiError(413, 'body-too-large', 'The request body is too large.');
      if (status === 415) return new ApiError(415, 'unsupported-media-type', 'Send JSON.');
      return new ApiError(400, 'bad-request', 'Bad request.');
  }
}
