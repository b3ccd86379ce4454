/** Error codes shared by the HTTP API and the CLI: code → HTTP status and a default message. */
export const ERROR_CODES = {
  invalid_json: { status: 400, message: "the body is not valid JSON" },
  invalid_request: { status: 400, message: "the request is invalid" },
  invalid_message: { status: 400, message: "no message in the request is valid" },
  unauthorized: { status: 401, message: "authentication required" },
  forbidden: { status: 403, message: "your role does not allow this" },
  not_found: { status: 404, message: "not found" },
  payload_too_large: { status: 413, message: "the body is larger than allowed" },
  unsupported_media_type: { status: 415, message: "send application/json" },
  internal: { status: 500, message: "internal error" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    readonly field?: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
