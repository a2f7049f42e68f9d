// The enrolment link support's reset of the second factor emails: the password, then the setup of a new way to confirm it's
// you (setup.html). Only a session started here (or through a password reset link) may set up the first method after such a
// reset, so whoever knows only the password cannot.
import { api, ApiError } from './api.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { t } from './i18n.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';

initPage();

// The token is in the fragment so it never reaches a server log; take it out of the address bar too.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
if (location.hash) {
  history.replaceState(null, '', location.pathname + location.search);
}

const password = byId('password');
const error = byId('enrolment-error');

/** The link is missing, used, expired or replaced: say so, focused. */
function showInvalid() {
  byId('enrolment-step').hidden = true;
  byId('enrolment-invalid').hidden = false;
  byId('enrolment-invalid-text').focus();
}

if (!token) {
  showInvalid();
} else {
  password.focus();
}

onSubmit(byId('enrolment-form'), async () => {
  clearError(error, [password]);
  if (!password.value) {
    showError(error, t('enrolment.missing'), [password]);
    password.focus();
    return;
  }

  try {
    await api('auth/enrolment', { method: 'POST', body: { token, password: password.value } });
    location.assign('setup.html');
  } catch (failure) {
    if (!(failure instanceof ApiError)) {
      throw failure;
    }
    if (failure.code === 'enrolment_link_invalid') {
      showInvalid();
      return;
    }
    showError(error, messageFor(failure), [password]);
    password.focus();
    password.select();
  }
});
