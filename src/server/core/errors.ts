import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

/** Every error code Kabinet returns, mapped to its HTTP status. Modules add their codes here. */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  SIGN_IN_METHOD_DISABLED: 403,
  TWO_FACTOR_REQUIRED: 403,
  TWO_FACTOR_USE_PASSWORD: 403,
  IMPERSONATION_FORBIDDEN: 403,
  REAUTHENTICATION_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  LAST_OWNER: 409,
  INVITATION_USED: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_WRONG_EMAIL: 403,
  LAST_SIGN_IN_METHOD: 409,
  COMPARE_LIST_FULL: 409,
  CART_FULL: 409,
  PAYMENT_METHOD_UNUSABLE: 409,
  PAYMENT_NOT_REFUNDABLE: 409,
  REFUND_TOO_LARGE: 409,
  WEBHOOK_REJECTED: 401,
  PAYMENT_PROVIDER_FAILED: 502,
  ADDRESS_BOOK_FULL: 409,
  CART_EMPTY: 409,
  OUT_OF_STOCK: 409,
  CREDIT_LIMIT_EXCEEDED: 409,
  ORDER_STATUS_CONFLICT: 409,
  ORDER_NOT_CANCELLABLE: 409,
  APPROVAL_NOT_PENDING: 409,
  RETURN_NOT_ALLOWED: 409,
  CLAIM_NOT_ALLOWED: 409,
  SHIPMENT_TOO_LARGE: 409,
  ORDER_NOT_EDITABLE: 409,
  ORDER_NOT_REFUNDABLE: 409,
  MISSING_REQUISITES: 400,
  AGREEMENT_NOT_ALLOWED: 409,
  APPROVAL_CODE_INVALID: 400,
  APPROVAL_CODE_EXPIRED: 410,
  SLA_NO_WORKING_TIME: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldProblem {
  path: string;
  message: string;
}

/** A domain or request error with a stable code; the error handler turns it into a problem body. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

/** Builds the problem body for a code; `type` points at the error catalogue in the docs. */
export function problem(code: string, status: number, detail: string, errors?: FieldProblem[]): Problem {
  return {
    type: `https://kabinet.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Maps a Fastify/plugin error code to ours, for errors raised before a route runs. */
export function codeForStatus(status: number): string {
  const entry = Object.entries(errorStatus).find(([, s]) => s === status);
  return entry ? entry[0] : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}
