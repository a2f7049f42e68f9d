// The portal's error page for an app's sign-in request it will not answer to the app (an unknown app, an address the app did
// not register, a malformed request): it says so here and never sends the customer to an address it cannot vouch for.
import { byId } from './dom.js';
import { initPage } from './page.js';

initPage();

const messages = {
  invalid_client: 'The app that sent you here is not one we know.',
  invalid_request: 'The app that sent you here made a request we cannot answer.',
};

const error = new URLSearchParams(location.search).get('error');
byId('oidc-error-reason').textContent = messages[error] ?? messages.invalid_request;
