import type { MessageKey, Params } from "~/i18n/i18n";

/** Every rule a service can refuse, with its HTTP status and the message people see. */
const DOMAIN_ERRORS = {
  "auth.identifier_taken": { status: 409, message: "errors.identifier_taken", field: "identifier" },
  "auth.invalid_credentials": { status: 401, message: "errors.invalid_credentials", field: "password" },
  "auth.throttled": { status: 429, message: "errors.too_many_attempts", field: undefined },
  "auth.current_password_wrong": { status: 400, message: "errors.current_password_wrong", field: "currentPassword" },
  "auth.forbidden": { status: 403, message: "error.403", field: undefined },
  "auth.not_found": { status: 404, message: "error.404", field: undefined },
} as const satisfies Record<string, { status: number; message: MessageKey; field: string | undefined }>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export class DomainError extends Error {
  readonly status: number;
  readonly messageKey: MessageKey;
  readonly field: string | undefined;

  constructor(
    readonly code: DomainErrorCode,
    readonly params?: Params,
  ) {
    super(code);
    this.name = "DomainError";
    const spec = DOMAIN_ERRORS[code];
    this.status = spec.status;
    this.messageKey = spec.message;
    this.field = spec.field;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
