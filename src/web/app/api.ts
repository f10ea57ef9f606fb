/** One field-level problem inside an RFC 9457 problem body. */
export interface ProblemFieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem body as the Kabinet API sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
}

/** An error answer of the API (or a network failure, with status 0), carrying the problem fields. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[];

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`);
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }

  /** True when the person is not signed in or lacks the permission (401 or 403). */
  get isAccessDenied(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** True when `error` is an ApiError with one of the given statuses. */
export function isApiError(error: unknown, ...statuses: number[]): error is ApiError {
  return error instanceof ApiError && (statuses.length === 0 || statuses.includes(error.status));
}

export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  /** A JSON body; sent with `Content-Type: application/json`. */
  json?: unknown;
  /** Query parameters; undefined and null values are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // A broken body still gets reported by its status below.
    }
  }
  return { title: response.statusText, status: response.status };
}

/** Fetches a JSON endpoint of the Kabinet API; throws ApiError for any answer that is not 2xx. */
export async function api<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { json, query, headers, ...rest } = init;
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += (url.includes('?') ? '&' : '?') + search;
  }
  const requestHeaders = new Headers(headers);
  requestHeaders.set('Accept', 'application/json, application/problem+json');
  if (json !== undefined) requestHeaders.set('Content-Type', 'application/json');

  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      ...rest,
      headers: requestHeaders,
      body: json === undefined ? null : JSON.stringify(json),
    });
  } catch (error) {
    throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
