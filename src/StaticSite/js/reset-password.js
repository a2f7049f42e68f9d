// The emailed reset link: a new password, then the second factor as at sign-in (a reset never skips it).
import { api, ApiError } from './api.js';
import { byId, clearError, onSubmit } from './dom.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';
import { checkNewPassword, onShowPassword, showPasswordRefusal } from './password.js';

initPage();

// The token is in the fragment so it never reaches a server log; take it out of the address bar too.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
if (location.hash) {
  history.replaceState(null, '', location.pathname + location.search);
}

const form = byId('reset-form');
const password = byId('new-password');
const confirm = byId('confirm-password');
const error = byId('reset-error');

/** The link is missing, used, expired or replaced: say so, and offer a new one. */
function showInvalid() {
  byId('reset-checking').hidden = true;
  byId('reset-step').hidden = true;
  byId('reset-invalid').hidden = false;
  byId('reset-invalid-text').focus();
}

function showForm() {
  byId('reset-checking').hidden = true;
  byId('reset-step').hidden = false;
  password.focus();
}

// Checked when the page opens (it uses nothing up), so "Ask for a new link" comes before a password is typed (issue 27).
// When the check itself fails (network, storage), the form opens: saving it gives the answer, as before.
async function checkLink() {
  if (!token) {
    showInvalid();
    return;
  }
  try {
    await api('auth/password-reset/check', { method: 'POST', body: { token } });
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === 'reset_link_invalid') {
      showInvalid();
      return;
    }
  }
  showForm();
}

checkLink();

onShowPassword(byId('show-password'), [password, confirm]);

onSubmit(form, async () => {
  clearError(error, [password, confirm]);
  if (!checkNewPassword(password, confirm, error)) {
    return;
  }

  try {
    const result = await api('auth/password-reset/confirm', { method: 'POST', body: { token, password: password.value } });
    location.assign(result.stage === 'mfa-setup' ? 'setup.html' : 'verify.html');
  } catch (failure) {
    if (!(failure instanceof ApiError)) {
      throw failure;
    }
    if (failure.code === 'reset_link_invalid') {
      showInvalid();
      return;
    }
    showPasswordRefusal(error, messageFor(failure), failure, password);
  }
});
