// "Forgot your password?": asks for a reset link. The answer is the same whether or not an account uses the
// email (the API answers 202 for every address), so the page says the same thing too.
import { api, ApiError } from './api.js';
import { withChallenge } from './challenge.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { t } from './i18n.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';

initPage();

const form = byId('forgot-form');
const email = byId('email');
const error = byId('forgot-error');

email.focus();

onSubmit(form, async () => {
  clearError(error, [email]);
  const address = email.value.trim();
  if (!address || !address.includes('@')) {
    showError(error, t('forgot.missing'), [email]);
    email.focus();
    return;
  }

  try {
    await withChallenge(error, (altcha) => api('auth/password-reset', { method: 'POST', body: { email: address, altcha } }));
  } catch (failure) {
    if (!(failure instanceof ApiError)) {
      throw failure;
    }
    showError(error, messageFor(failure), failure.code === 'validation_failed' ? [email] : []);
    email.focus();
    return;
  }

  byId('forgot-step').hidden = true;
  const sent = byId('forgot-sent');
  sent.hidden = false;
  sent.focus();
});
