// The signed-in page: who is signed in, the claim number, sign out and new recovery codes;
// after a recovery-code sign-in, how many are left and where to replace the lost method.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { messageFor } from './messages.js';
import { initPage, renderSupportContact } from './page.js';
import { renderRecoveryCodes } from './recovery-codes.js';

const config = initPage();

// verify.js sends ?notice=recovery-code-used; taken out of the address bar so a bookmark does not keep it.
const recoveryCodeUsed = new URLSearchParams(location.search).get('notice') === 'recovery-code-used';
if (location.search) {
  history.replaceState(null, '', location.pathname + location.hash);
}

const methodNames = { sms: 'SMS/Text message', totp: 'Authenticator app', passkey: 'Passkey' };
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
    byId('manage-methods').hidden = false;
    byId('new-codes').hidden = false;
    renderSupportContact(byId('manage-methods-contact'), await config);
  } catch (failure) {
    fail(failure, pageError);
    return;
  }

  let remaining = null;
  try {
    const mfa = await api('mfa');
    remaining = mfa.recoveryCodesRemaining;
    showRemaining(remaining);
  } catch {
    // Only the count is missing; the page is still useful.
  }
  if (recoveryCodeUsed) {
    showRecoveryCodeUsed(remaining);
  }
}

function showRecoveryCodeUsed(remaining) {
  const sentences = ['You used a recovery code.'];
  if (remaining === 0) {
    sentences.push('You have none left: get new ones below.');
  } else if (typeof remaining === 'number') {
    sentences.push(remaining === 1 ? '1 is left.' : `${remaining} are left.`);
    if (remaining <= 3) {
      sentences.push('You are running low: get new ones below.');
    }
  }
  byId('account-recovery-used-count').textContent = sentences.join(' ');
  byId('account-recovery-low').hidden = true;
  const notice = byId('account-recovery-used');
  notice.hidden = false;
  notice.focus();
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
