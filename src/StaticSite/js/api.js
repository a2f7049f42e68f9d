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

/**
 * Sends the customer back to sign-in when the session has ended; true when it did. The sign-in page says why: "Sign out
 * other devices" pressed elsewhere (the API's `reason: signed_out_elsewhere`, issue 27), or an expired session.
 */
export function leaveIfSessionEnded(error) {
  if (error instanceof ApiError && error.code === 'session_required') {
    const reason = error.problem?.reason === 'signed_out_elsewhere' ? 'signed-out-elsewhere' : 'session-expired';
    location.assign(withReturn(`index.html?reason=${reason}`));
    return true;
  }
  return false;
}
