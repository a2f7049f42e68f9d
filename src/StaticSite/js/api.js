// Calls the portal API: JSON in, JSON out, the session cookie sent on the same origin only.
// Failures become an ApiError carrying the problem+json `code` and its extra members.

import { withReturn } from './return-to.js';

/** A problem response (or a network failure, code "network_error") from the API. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.status = status;
    this.code = problem.code || (status === 0 ? 'network_error' : 'unexpected_error');
    this.problem = problem;
    this.errors = problem.errors || {};
    this.attemptsRemaining = typeof problem.attemptsRemaining === 'number' ? problem.attemptsRemaining : null;
    this.retryAfterSeconds = typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : null;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { Accept: 'application/json, application/problem+json' },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(`/api/${path}`, init);
  } catch {
    throw new ApiError(0, { code: 'network_error' });
  }

  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }

  if (!response.ok) {
    const problem = data && typeof data === 'object' ? { ...data } : {};
    if (typeof problem.retryAfterSeconds !== 'number') {
      const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
      if (Number.isFinite(retryAfter)) {
        problem.retryAfterSeconds = retryAfter;
      }
    }
    throw new ApiError(response.status, problem);
  }

  return data;
}

/** Sends the customer back to sign-in when the session has ended; true when it did. */
export function leaveIfSessionEnded(error) {
  if (error instanceof ApiError && error.code === 'session_required') {
    location.assign(withReturn('index.html?reason=session-expired'));
    return true;
  }
  return false;
}
