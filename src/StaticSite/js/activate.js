import { api, ApiError } from './api.js';
import { byId, clearError, onSubmit } from './dom.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';
import { language, languages } from './i18n.js';
import { checkNewPassword, onShowPassword, showPasswordRefusal } from './password.js';

initPage();

// The token is in the fragment so it never reaches a server log; take it out of the address bar too.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
if (location.hash) {
  history.replaceState(null, '', location.pathname + location.search);
}

const form = byId('activate-form');
const password = byId('new-password');
const confirm = byId('confirm-password');
const error = byId('activate-error');

if (!token) {
  byId('activate-step').hidden = true;
  byId('activate-missing').hidden = false;
} else {
  // The caret starts where the customer types first.
  password.focus();
}

onShowPassword(byId('show-password'), [password, confirm]);

onSubmit(form, async () => {
  clearError(error, [password, confirm]);
  if (!checkNewPassword(password, confirm, error)) {
    return;
  }

  try {
    // The page's language becomes the account's, for its emails and text messages (the pseudo-locale is English).
    const spoken = languages.some(({ code }) => code === language()) ? language() : 'en';
    await api('auth/activate', { method: 'POST', body: { token, password: password.value, language: spoken } });
    location.assign('setup.html');
  } catch (failure) {
    if (!(failure instanceof ApiError)) {
      throw failure;
    }
    showPasswordRefusal(error, messageFor(failure), failure, password);
  }
});
