import { api, ApiError } from './api.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';

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

// Counted as a person sees characters ("é" and an emoji are one each), as the API counts them.
function countCharacters(text) {
  const normalized = text.normalize('NFKC');
  if (typeof Intl.Segmenter === 'function') {
    return [...new Intl.Segmenter().segment(normalized)].length;
  }
  return [...normalized].length;
}

byId('show-password').addEventListener('change', (event) => {
  const type = event.target.checked ? 'text' : 'password';
  password.type = type;
  confirm.type = type;
});

onSubmit(form, async () => {
  clearError(error, [password, confirm]);
  const length = countCharacters(password.value);
  if (length < 12 || length > 128) {
    showError(error, `Your password must be 12 to 128 characters long. It has ${length}.`, [password]);
    password.focus();
    return;
  }
  if (password.value !== confirm.value) {
    showError(error, 'The two passwords are not the same. Type the password again.', [confirm]);
    confirm.focus();
    return;
  }

  try {
    await api('auth/activate', { method: 'POST', body: { token, password: password.value } });
    location.assign('setup.html');
  } catch (failure) {
    if (!(failure instanceof ApiError)) {
      throw failure;
    }
    const aboutPassword = failure.code === 'password_rejected' || failure.code === 'validation_failed';
    showError(error, messageFor(failure), aboutPassword ? [password] : []);
    if (aboutPassword) {
      password.focus();
      password.select();
    }
  }
});
