// Returning sign-in: the customer confirms with one of the methods they set up, or a recovery code.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { startResendCountdown } from './countdown.js';
import { byId, clearError, focusHeading, onSubmit, phoneHint, readSixDigits, showError } from './dom.js';
import { createLock } from './lock.js';
import { setText, t, tNodes } from './i18n.js';
import { formatDuration, messageFor } from './messages.js';
import { initPage } from './page.js';
import { browserRefusalMessage, isBrowserRefusal, passkeyAnswer, passkeysSupported } from './passkeys.js';
import { onCodesSaved, renderRecoveryCodes } from './recovery-codes.js';
import { afterSignIn, withReturn } from './return-to.js';

initPage();

const pageError = byId('verify-error');
const picker = byId('method-picker');
const sections = { sms: byId('verify-sms'), totp: byId('verify-totp'), passkey: byId('verify-passkey'), recovery: byId('verify-recovery') };
const lock = createLock('verify-locked');
let enrolled = [];

// "Use a recovery code" goes back to exactly the ways this customer set up, named.
const backLabels = {
  sms: 'verify.back_sms',
  totp: 'verify.back_totp',
  passkey: 'verify.back_passkey',
  both: 'verify.back_both',
};

/** Shows the error; leaves for sign-in when the session has ended; shows the lock on mfa_locked. */
function fail(failure, alert, inputs = [], context = {}) {
  if (!(failure instanceof ApiError)) {
    throw failure;
  }
  if (leaveIfSessionEnded(failure)) {
    return;
  }
  if (failure.code === 'mfa_locked') {
    clearError(alert, inputs);
    stopCountdown();
    lock.lock(failure);
    return;
  }
  showError(alert, messageFor(failure, context), inputs);
}

/** Puts the caret back in a code field after a refused code, unless the refusal locked the codes. */
function retry(input) {
  if (!lock.locked) {
    input.select();
    input.focus();
  }
}

/** Where the customer acts first in a method's section: the code field, or "Send verification code" before a text was sent. */
function firstField(method) {
  if (method === 'sms') {
    return smsForm.hidden ? byId('sms-send-button') : smsCode;
  }
  if (method === 'passkey') {
    return byId('passkey-verify-button');
  }
  return method === 'totp' ? totpCode : recoveryCode;
}

function show(method, focus) {
  for (const [name, section] of Object.entries(sections)) {
    section.hidden = name !== method;
  }
  const recovery = method === 'recovery';
  picker.hidden = recovery || enrolled.length < 2;
  placeRememberDevice(method);
  byId('recovery-offer').hidden = recovery;
  if (focus) {
    const field = firstField(method);
    if (field.disabled) {
      focusHeading(sections[method]);
    } else {
      field.focus();
    }
  }
}

// The one "Don't ask for a code on this device" box goes into the shown method's form (the passkey's too), before its
// error and button, so it is read (and tabbed to) before the code is sent.
const codeForms = { sms: 'sms-verify-form', totp: 'totp-verify-form', recovery: 'recovery-verify-form', passkey: 'passkey-verify-form' };
function placeRememberDevice(method) {
  const form = byId(codeForms[method]);
  const field = byId('remember-device-field');
  form.insertBefore(field, form.querySelector('.error'));
  field.hidden = false;
}

async function start() {
  try {
    const mfa = await api('mfa');
    if (mfa.stage === 'mfa-setup') {
      location.replace(withReturn('setup.html'));
      return;
    }
    if (mfa.stage !== 'mfa-verify') {
      afterSignIn();
      return;
    }
    if (mfa.enrolled?.sms) {
      enrolled.push('sms');
      const hint = mfa.enrolled.sms.phoneHint;
      if (hint) {
        // Built with the phone number inside, so a language switch leaves these in place (the choice keeps its number).
        for (const [id, key] of [['pick-sms-label', 'verify.sms_to'], ['sms-send-text', 'verify.sms_send_to']]) {
          const target = byId(id);
          delete target.dataset.i18n;
          target.replaceChildren(...tNodes(key, { phone: phoneHint(hint) }));
        }
      }
    }
    if (mfa.enrolled?.totp) {
      enrolled.push('totp');
    }
    if (mfa.enrolled?.passkeys > 0 && passkeysSupported()) {
      enrolled.push('passkey');
    }
    if (enrolled.length === 0 && mfa.enrolled?.passkeys > 0) {
      // Only a passkey, in a browser without WebAuthn: a recovery code is the way in.
      showError(pageError, t('verify.no_passkeys'));
      useRecoveryCode();
      byId('recovery-back').hidden = true;
      return;
    }
    if (enrolled.length === 0) {
      showError(pageError, t('verify.no_methods'));
      return;
    }
    byId('pick-sms').closest('.choice').hidden = !enrolled.includes('sms');
    byId('pick-totp').closest('.choice').hidden = !enrolled.includes('totp');
    byId('pick-passkey').closest('.choice').hidden = !enrolled.includes('passkey');
    setText(byId('recovery-back'), backLabels[enrolled.length > 1 ? 'both' : enrolled[0]]);
    const first = byId(`pick-${enrolled[0]}`);
    first.checked = true;
    show(enrolled[0], false);
    // Straight to where the customer acts: the code field, or the choice when there are two ways.
    if (enrolled.length > 1) {
      first.focus();
    } else {
      firstField(enrolled[0]).focus();
    }
  } catch (failure) {
    fail(failure, pageError);
  }
}

picker.addEventListener('change', (event) => {
  // Focus stays on the choice: arrow keys move through a radio group.
  if (event.target.name === 'method') {
    show(event.target.value, false);
  }
});

function useRecoveryCode() {
  show('recovery', true);
}

byId('use-recovery').addEventListener('click', useRecoveryCode);
byId('locked-use-recovery').addEventListener('click', useRecoveryCode);

byId('recovery-back').addEventListener('click', () => {
  const picked = picker.querySelector('input:checked')?.value || enrolled[0];
  show(picked, true);
});

async function verify(method, code) {
  const rememberDevice = byId('remember-device')?.checked === true;
  const body = method === 'passkey' ? { method, credential: code, rememberDevice } : { method, code, rememberDevice };
  const result = await api('mfa/verify', { method: 'POST', body });
  if (result.recoveryCodes?.length) {
    byId('remember-device-field').hidden = true;
    // The account had no recovery codes (its setup was left half-way): show the new ones once.
    for (const section of Object.values(sections)) {
      section.hidden = true;
    }
    picker.hidden = true;
    byId('recovery-offer').hidden = true;
    const newCodes = byId('verify-new-codes');
    renderRecoveryCodes(byId('verify-new-codes-list'), result.recoveryCodes);
    newCodes.hidden = false;
    focusHeading(newCodes);
    return;
  }
  // After a recovery code the account page says so, with how many are left and what to do next.
  afterSignIn(method === 'recovery' ? 'account.html?notice=recovery-code-used' : 'account.html');
}

onCodesSaved('verify-new-codes-form', 'verify-codes-saved', 'verify-new-codes-error');

// ---- Passkey ----

const passkeyError = byId('passkey-verify-error');
onSubmit(byId('passkey-verify-form'), async () => {
  clearError(passkeyError);
  try {
    await verify('passkey', await passkeyAnswer('mfa/passkey/options'));
  } catch (failure) {
    if (isBrowserRefusal(failure)) {
      showError(passkeyError, browserRefusalMessage());
      return;
    }
    fail(failure, passkeyError);
  }
});

// ---- SMS/Text ----

const sendForm = byId('sms-send-form');
const sendError = byId('sms-send-error');
const smsForm = byId('sms-verify-form');
const smsCode = byId('sms-code');
const smsError = byId('sms-code-error');
const resend = byId('sms-resend');
const resendStatus = byId('sms-resend-status');
let stopCountdown = () => {};

async function sendCode() {
  const result = await api('mfa/sms/send', { method: 'POST' });
  byId('sms-sent-to').replaceChildren(...tNodes('code.sent_to', { phone: phoneHint(result.phoneHint), duration: formatDuration(result.expiresInSeconds) }));
  stopCountdown();
  stopCountdown = startResendCountdown(resend, resendStatus, result.resendAfterSeconds);
}

onSubmit(sendForm, async () => {
  if (lock.locked) {
    return;
  }
  clearError(sendError);
  try {
    await sendCode();
    sendForm.hidden = true;
    smsForm.hidden = false;
    smsCode.focus();
  } catch (failure) {
    fail(failure, sendError, [], { method: 'sms' });
  }
});

resend.addEventListener('click', async () => {
  clearError(smsError, [smsCode]);
  try {
    await sendCode();
    smsCode.value = '';
    smsCode.focus();
  } catch (failure) {
    // A refusal with a wait (sms_rate_limited, resend_too_soon) must not be left next to "You can ask for a new code now".
    if (failure.retryAfterSeconds) {
      stopCountdown();
    }
    fail(failure, smsError, [], { method: 'sms' });
  }
});

onSubmit(smsForm, async () => {
  if (lock.locked) {
    return;
  }
  const code = readSixDigits(smsCode, smsError, t('code.sms_missing'));
  if (code === null) {
    return;
  }
  try {
    await verify('sms', code);
  } catch (failure) {
    fail(failure, smsError, [smsCode], { method: 'sms' });
    retry(smsCode);
  }
});

// ---- Authenticator app ----

const totpCode = byId('totp-code');
const totpError = byId('totp-code-error');
onSubmit(byId('totp-verify-form'), async () => {
  if (lock.locked) {
    return;
  }
  const code = readSixDigits(totpCode, totpError, t('code.totp_missing'));
  if (code === null) {
    return;
  }
  try {
    await verify('totp', code);
  } catch (failure) {
    fail(failure, totpError, [totpCode], { method: 'totp' });
    retry(totpCode);
  }
});

// ---- Recovery code ----

const recoveryCode = byId('recovery-code');
const recoveryError = byId('recovery-code-error');
onSubmit(byId('recovery-verify-form'), async () => {
  if (lock.locked) {
    return;
  }
  clearError(recoveryError, [recoveryCode]);
  const code = recoveryCode.value.trim();
  if (!code) {
    showError(recoveryError, t('verify.recovery_missing'), [recoveryCode]);
    recoveryCode.focus();
    return;
  }
  // Shown as XHE45-56UZT: ten letters and digits, the dash and spaces optional (as the API counts them).
  if (code.replace(/[\s-]/g, '').length !== 10 || code.length > 20) {
    showError(recoveryError, messageFor({ code: 'validation_failed' }, { method: 'recovery' }), [recoveryCode]);
    recoveryCode.focus();
    return;
  }
  try {
    await verify('recovery', code);
  } catch (failure) {
    fail(failure, recoveryError, [recoveryCode], { method: 'recovery' });
    retry(recoveryCode);
  }
});

start();
