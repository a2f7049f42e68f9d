// The signed-in page: who is signed in, the claim number, sign out and new recovery codes.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { messageFor } from './messages.js';
import { initPage } from './page.js';
import { renderRecoveryCodes } from './recovery-codes.js';

initPage();

const methodNames = { sms: 'SMS/Text message', totp: 'Authenticator app' };
const pageError = byId('account-error');

function fail(failure, alert) {
  if (!(failure instanceof ApiError)) {
    throw failure;
  }
  if (!leaveIfSessionEnded(failure)) {
    showError(alert, messageFor(failure));
  }
}

async function start() {
  try {
    const me = await api('me');
    byId('account-name').textContent = me.displayName;
    byId('account-email').textContent = me.email;
    byId('account-claim').textContent = me.claimNumber;
    byId('account-methods').textContent = (me.methods || []).map((m) => methodNames[m] || m).join(', ') || 'None';
    byId('account-details').hidden = false;
    byId('new-codes').hidden = false;
  } catch (failure) {
    fail(failure, pageError);
    return;
  }

  try {
    const mfa = await api('mfa');
    showRemaining(mfa.recoveryCodesRemaining);
  } catch {
    // Only the count is missing; the page is still useful.
  }
}

function showRemaining(remaining) {
  if (typeof remaining === 'number') {
    byId('account-recovery-left').textContent = String(remaining);
    byId('account-recovery-low').hidden = remaining > 3;
  }
}

onSubmit(byId('signout-form'), async () => {
  try {
    await api('auth/logout', { method: 'POST' });
  } catch (failure) {
    if (!(failure instanceof ApiError) || failure.code !== 'session_required') {
      fail(failure, pageError);
      return;
    }
  }
  location.assign('index.html?reason=signed-out');
});

const newCodesError = byId('new-codes-error');
onSubmit(byId('new-codes-form'), async () => {
  clearError(newCodesError);
  try {
    const result = await api('mfa/recovery-codes', { method: 'POST' });
    renderRecoveryCodes(byId('new-codes-list'), result.recoveryCodes);
    showRemaining(result.recoveryCodes.length);
    byId('new-codes-list').querySelector('ul')?.setAttribute('tabindex', '-1');
    byId('new-codes-list').querySelector('ul')?.focus();
  } catch (failure) {
    fail(failure, newCodesError);
  }
});

start();
