// "Confirm it's you" for an app (oidc-confirm.html): the app asked for a fresh proof (prompt=login, max_age) or for a passkey
// (acr_values=phr). Once the customer proves a second factor again (POST /api/mfa/step-up), the page goes back to the app's
// authorization request, which then issues the code. `?passkey=1`: only a passkey will do.
import { api, ApiError } from './api.js';
import { byId, clearError, showError } from './dom.js';
import { t } from './i18n.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';
import { browserRefusalMessage, isBrowserRefusal, passkeyAnswer, passkeysSupported } from './passkeys.js';
import { afterSignIn, withReturn } from './return-to.js';
import { confirmItsYou, showFailure } from './step-up.js';

initPage();

const passkeyOnly = new URLSearchParams(location.search).get('passkey') === '1';
const pageError = byId('confirm-error');
const codeButton = byId('confirm-code');
const passkeyButton = byId('confirm-passkey');

function fail(failure) {
  if (failure instanceof ApiError && failure.code === 'session_required') {
    // Signed out meanwhile: sign in again, and come back to the same request.
    location.assign(withReturn('index.html'));
    return;
  }
  showFailure(pageError, failure);
}

async function start() {
  try {
    const mfa = await api('mfa');
    const passkeys = (mfa.enrolled?.passkeys ?? 0) > 0 && passkeysSupported();
    byId('confirm-intro-passkey').hidden = !passkeyOnly;
    byId('confirm-intro').hidden = passkeyOnly;
    codeButton.hidden = passkeyOnly;
    passkeyButton.hidden = !passkeys;
    if (passkeyOnly && !passkeys) {
      showError(pageError, t('oidc.confirm_no_passkey'));
    }
    (passkeyOnly ? passkeyButton : codeButton).focus();
  } catch (failure) {
    fail(failure);
  }
}

codeButton.addEventListener('click', async () => {
  clearError(pageError);
  try {
    if (await confirmItsYou()) {
      afterSignIn();
    }
  } catch (failure) {
    fail(failure);
  }
});

passkeyButton.addEventListener('click', async () => {
  clearError(pageError);
  try {
    const credential = await passkeyAnswer('mfa/passkey/options');
    await api('mfa/step-up', { method: 'POST', body: { method: 'passkey', credential } });
    afterSignIn();
  } catch (failure) {
    if (isBrowserRefusal(failure)) {
      showError(pageError, browserRefusalMessage());
      return;
    }
    if (failure instanceof ApiError && failure.code !== 'session_required') {
      showError(pageError, messageFor(failure, { method: 'passkey' }));
      return;
    }
    fail(failure);
  }
});

start();
