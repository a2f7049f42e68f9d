// The Claims Portal sample: a single page signing customers in through the portal with oidc-client-ts 3.5.0 (the browser build,
// loaded by index.html as window.oidc). Code flow with PKCE as a public client; opening the page signs the customer in at once
// when the portal session exists (single sign-on), and Sign out ends it for every app (the portal posts back-channel logouts).
const { UserManager, WebStorageStateStore } = window.oidc;

const methods = { pwd: 'password', otp: 'one-time code', sms: 'text message', hwk: 'passkey on this device', swk: 'synced passkey', user: 'fingerprint, face or PIN', mfa: 'more than one factor' };
const byId = (id) => document.getElementById(id);

const config = await (await fetch('/config.json')).json();
const manager = new UserManager({
  authority: config.authority,
  client_id: config.clientId,
  redirect_uri: `${location.origin}/callback.html`,
  post_logout_redirect_uri: `${location.origin}/?signed-out=1`,
  response_type: 'code',
  scope: 'openid profile email claims',
  // By default the library drops amr and acr from the profile; this page shows them.
  filterProtocolClaims: ['nbf', 'jti', 'nonce', 'azp', 'at_hash', 'c_hash', 's_hash'],
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
});

function show(user) {
  const claims = user.profile;
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  byId('customer-name').textContent = `Signed in as ${claims.name ?? ''}`;
  byId('claim-number').textContent = claims.claim_number ?? '';
  byId('how').textContent = amr.map((value) => methods[value] ?? value).join(', ');
  byId('amr').textContent = amr.join(' ');
  byId('acr').textContent = claims.acr ?? '';
  byId('status').textContent = '';
  byId('signed-in').hidden = false;
}

byId('signin').addEventListener('click', () => manager.signinRedirect());
byId('signout').addEventListener('click', () => manager.signoutRedirect());

if (location.pathname === '/callback.html') {
  await manager.signinCallback();
  location.replace('/');
} else {
  const user = await manager.getUser();
  if (user && !user.expired) {
    show(user);
  } else if (new URLSearchParams(location.search).has('signed-out')) {
    await manager.removeUser();
    byId('status').textContent = 'You are signed out.';
    byId('signed-out-part').hidden = false;
  } else {
    // Not signed in here yet: the portal signs the customer in at once if they are signed in there.
    await manager.signinRedirect();
  }
}
