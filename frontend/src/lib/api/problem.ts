/** One invalid field (or CSV row field) from a 422 problem response. */
export type ProblemFieldError = {
  field: string;
  code: string;
  message: string;
  row?: number;
};

/** Problem JSON as the API sends it (application/problem+json). */
export type Problem = {
  type?: string;
  code: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
};

/**
 * Error thrown by every API call that does not succeed. `code` is the
 * API's stable problem code, or "network" when the API could not be reached.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly errors: ProblemFieldError[];
  readonly retryAfter?: number;
  /** The problem's extension members beyond the standard ones (e.g. `alternatives` of `slot_taken`). */
  readonly extensions: Record<string, unknown>;

  constructor(problem: Problem, retryAfter?: number, extensions: Record<string, unknown> = {}) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = "ApiError";
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.retryAfter = retryAfter;
    this.extensions = extensions;
  }

  get isNetwork() {
    return this.code === "network";
  }
}

export const networkProblem: Problem = { code: "network", status: 0, title: "API unreachable" };

function isProblemLike(value: unknown): value is Partial<Problem> {
  return typeof value === "object" && value !== null && ("code" in value || "title" in value || "status" in value);
}

const standardMembers = new Set(["type", "code", "title", "status", "detail", "errors", "instance"]);

/** Builds an ApiError from whatever a failed response carried. */
export function toApiError(body: unknown, response: Response): ApiError {
  const retryHeader = response.headers.get("Retry-After");
  const retryAfter = retryHeader ? Number.parseInt(retryHeader, 10) || undefined : undefined;
  if (isProblemLike(body)) {
    const extensions = Object.fromEntries(Object.entries(body).filter(([key]) => !standardMembers.has(key)));
    return new ApiError(
      {
        code: typeof body.code === "string" ? body.code : `http_${response.status}`,
        status: typeof body.status === "number" ? body.status : response.status,
        title: body.title,
        detail: body.detail,
        errors: Array.isArray(body.errors) ? body.errors : undefined,
        type: body.type,
      },
      retryAfter,
      extensions,
    );
  }
  return new ApiError({ code: `http_${response.status}`, status: response.status }, retryAfter);
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
