// The signed-in page: who is signed in, the claim number, sign out and new recovery codes; after a recovery-code
// sign-in, how many are left and where to replace the lost method. The other sections are their own modules
// (account-methods.js, account-password.js, account-sessions.js); changes that need a second factor go through step-up.js.
import { api, ApiError } from './api.js';
import { byId, clearError, onSubmit } from './dom.js';
import { initPage, loadSupportContact, renderSupportContact } from './page.js';
import { renderRecoveryCodes } from './recovery-codes.js';
import { methodNames, startMethods } from './account-methods.js';
import { startData } from './account-data.js';
import { startPassword } from './account-password.js';
import { startSessions } from './account-sessions.js';
import { showFailure, withStepUp } from './step-up.js';
import { plural, t } from './i18n.js';

initPage();

// verify.js sends ?notice=recovery-code-used, setup.js ?notice=methods-changed; taken out of the address bar so a
// bookmark does not keep them.
const notice = new URLSearchParams(location.search).get('notice');
if (location.search) {
  history.replaceState(null, '', location.pathname + location.hash);
}

const pageError = byId('account-error');

function showMethods(methods) {
  byId('account-methods').textContent = methods.map((m) => (methodNames[m] ? t(methodNames[m]) : m)).join(', ') || t('account.methods_none');
}

document.addEventListener('portal:methods-changed', (event) => showMethods(event.detail));

async function start() {
  try {
    const me = await api('me');
    byId('account-name').textContent = me.displayName;
    byId('account-email').textContent = me.email;
    byId('account-claim').textContent = me.claimNumber;
    showMethods(me.methods || []);
    byId('account-details').hidden = false;
    byId('new-codes').hidden = false;
    renderSupportContact(byId('manage-methods-contact'), await loadSupportContact());
  } catch (failure) {
    showFailure(pageError, failure);
    return;
  }

  startPassword();
  startSessions();
  startData();

  let remaining = null;
  try {
    const mfa = await api('mfa');
    remaining = mfa.recoveryCodesRemaining;
    showRemaining(remaining);
    startMethods(mfa.enrolled || {});
  } catch {
    // Only the count and the methods' details are missing; the page is still useful.
  }
  if (notice === 'recovery-code-used') {
    showRecoveryCodeUsed(remaining);
  } else if (notice === 'methods-changed') {
    const done = byId('account-notice');
    done.textContent = t('account.methods_changed');
    done.focus();
  }
}

function showRecoveryCodeUsed(remaining) {
  const sentences = [t('account.recovery_used')];
  if (remaining === 0) {
    sentences.push(t('account.recovery_none_left'));
  } else if (typeof remaining === 'number') {
    sentences.push(plural(remaining, 'account.recovery_left'));
    if (remaining <= 3) {
      sentences.push(t('account.recovery_running_low'));
    }
  }
  byId('account-recovery-used-count').textContent = sentences.join(' ');
  byId('account-recovery-low').hidden = true;
  const used = byId('account-recovery-used');
  used.hidden = false;
  used.focus();
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
      showFailure(pageError, failure);
      return;
    }
  }
  location.assign('index.html?reason=signed-out');
});

// New codes replace every old one at once, so the button first asks (issue 27 finding 9); only "Yes" asks the API.
const newCodesError = byId('new-codes-error');
const newCodesAsk = byId('new-codes-ask');
const newCodesConfirm = byId('new-codes-confirm');

function showNewCodesConfirm(open) {
  newCodesConfirm.hidden = !open;
  newCodesAsk.setAttribute('aria-expanded', String(open));
}

onSubmit(byId('new-codes-form'), () => {
  clearError(newCodesError);
  showNewCodesConfirm(true);
  byId('new-codes-confirm-text').focus();
});

byId('new-codes-keep').addEventListener('click', () => {
  showNewCodesConfirm(false);
  newCodesAsk.focus();
});

byId('new-codes-yes').addEventListener('click', async () => {
  clearError(newCodesError);
  showNewCodesConfirm(false);
  try {
    const result = await withStepUp(() => api('mfa/recovery-codes', { method: 'POST' }));
    renderRecoveryCodes(byId('new-codes-list'), result.recoveryCodes);
    showRemaining(result.recoveryCodes.length);
    byId('new-codes-list').querySelector('ul')?.setAttribute('tabindex', '-1');
    byId('new-codes-list').querySelector('ul')?.focus();
  } catch (failure) {
    showFailure(newCodesError, failure);
  }
});

start();
