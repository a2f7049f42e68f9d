import { api, ApiError } from './api.js';
import { withChallenge } from './challenge.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { setText, t } from './i18n.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';
import { browserRefusalMessage, isBrowserRefusal, passkeyAnswer, passkeysSupported } from './passkeys.js';
import { afterSignIn, returnAddress, withReturn } from './return-to.js';

initPage();

const notices = {
  'session-expired': 'signin.notice.session_expired',
  'signed-out-elsewhere': 'signin.notice.signed_out_elsewhere',
  'signed-out': 'signin.notice.signed_out',
  'account-deleted': 'signin.notice.account_deleted',
  // An app sent the customer here (OpenID Connect): after sign-in they go back to it.
  continue: 'signin.notice.continue',
};

const reason = returnAddress() ? 'continue' : new URLSearchParams(location.search).get('reason');
if (notices[reason]) {
  const notice = byId('signin-notice');
  setText(notice, notices[reason]);
  notice.hidden = false;
}

const form = byId('signin-form');
const email = byId('email');
const password = byId('password');
const error = byId('signin-error');

// The caret starts where the customer types first.
email.focus();

onSubmit(form, async () => {
  clearError(error, [email, password]);
  if (!email.value.trim() || !password.value) {
    const missing = [email, password].filter((input) => !input.value.trim());
    showError(error, t('signin.missing'), missing);
    missing[0].focus();
    return;
  }

  try {
    // From a network under attack the API first asks the browser to solve a challenge (challenge.js), then takes the sign-in.
    const body = { email: email.value.trim(), password: password.value };
    const result = await withChallenge(error, (altcha) => api('auth/login', { method: 'POST', body: { ...body, altcha } }));
    // A remembered device signs in with the password alone ("signed-in").
    if (result.stage === 'signed-in') {
      afterSignIn();
      return;
    }
    location.assign(withReturn(result.stage === 'mfa-setup' ? 'setup.html' : 'verify.html'));
  } catch (failure) {
    if (!(failure instanceof ApiError)) {
      throw failure;
    }
    password.value = '';
    showError(error, messageFor(failure), failure.code === 'invalid_credentials' ? [email, password] : []);
    password.focus();
  }
});

// ---- Passkey: signs in alone (the device's fingerprint, face or PIN is the second factor) ----

const passkeyError = byId('passkey-signin-error');
byId('passkey-signin').hidden = !passkeysSupported();
byId('passkey-signin-button').addEventListener('click', async () => {
  clearError(passkeyError);
  try {
    const credential = await withChallenge(passkeyError, (altcha) => passkeyAnswer('auth/passkey/options', altcha && { altcha }));
    await api('auth/passkey', { method: 'POST', body: { credential } });
    afterSignIn();
  } catch (failure) {
    if (isBrowserRefusal(failure)) {
      showError(passkeyError, browserRefusalMessage());
      return;
    }
    if (!(failure instanceof ApiError)) {
      throw failure;
    }
    showError(passkeyError, messageFor(failure));
  }
});
