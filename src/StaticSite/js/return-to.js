// Where sign-in goes on to when an app sent the customer (OpenID Connect): the `return` parameter the portal put on the
// sign-in, setup, verify and confirm pages. Only a request to the portal's own authorization endpoint is followed, so the
// parameter can never send anyone elsewhere (no open redirect); anything else is ignored and the account page is used.

const authorizePath = '/api/oidc/authorize';
const endSessionPath = '/api/oidc/logout';

/** The same-origin authorization request in `?return=`, as a path and query; null when there is none or it leads elsewhere. */
export function returnAddress({ endSession = false } = {}) {
  const value = new URLSearchParams(location.search).get('return');
  if (!value || !value.startsWith('/') || value.startsWith('//')) {
    return null;
  }
  let url;
  try {
    url = new URL(value, location.origin);
  } catch {
    return null;
  }
  const allowed = url.pathname === authorizePath || (endSession && url.pathname === endSessionPath);
  return url.origin === location.origin && allowed && url.search.length > 1 ? url.pathname + url.search : null;
}

/** `page` carrying this page's return address on to the next step of sign-in. */
export function withReturn(page) {
  const back = returnAddress();
  return back ? `${page}${page.includes('?') ? '&' : '?'}return=${encodeURIComponent(back)}` : page;
}

/** Signed in: back to the app that asked (its authorization request, which now issues the code), or to `fallback`. */
export function afterSignIn(fallback = 'account.html') {
  location.assign(returnAddress() ?? fallback);
}
