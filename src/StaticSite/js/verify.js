// Returning sign-in: the customer confirms with one of the methods they set up, or a recovery code.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { startResendCountdown } from './countdown.js';
import { byId, clearError, focusHeading, onSubmit, readSixDigits, showError } from './dom.js';
import { formatDuration, messageFor } from './messages.js';
import { initPage } from './page.js';
import { onCodesSaved, renderRecoveryCodes } from './recovery-codes.js';

initPage();

const pageError = byId('verify-error');
const picker = byId('method-picker');
const sections = { sms: byId('verify-sms'), totp: byId('verify-totp'), recovery: byId('verify-recovery') };
let enrolled = [];

function fail(failure, alert, inputs = [], context = {}) {
  if (!(failure instanceof ApiError)) {
    throw failure;
  }
  if (leaveIfSessionEnded(failure)) {
    return;
  }
  showError(alert, messageFor(failure, context), inputs);
}

function show(method, focus) {
  for (const [name, section] of Object.entries(sections)) {
    section.hidden = name !== method;
  }
  const recovery = method === 'recovery';
  picker.hidden = recovery || enrolled.length < 2;
  byId('recovery-offer').hidden = recovery;
  if (focus) {
    focusHeading(sections[method]);
  }
}

async function start() {
  try {
    const mfa = await api('mfa');
    if (mfa.stage === 'mfa-setup') {
      location.replace('setup.html');
      return;
    }
    if (mfa.stage !== 'mfa-verify') {
      location.replace('account.html');
      return;
    }
    if (mfa.enrolled?.sms) {
      enrolled.push('sms');
      const hint = mfa.enrolled.sms.phoneHint;
      if (hint) {
        byId('pick-sms-label').textContent = `SMS/Text message to ${hint}`;
        byId('sms-send-text').textContent = `We will send a 6-digit code to your mobile phone ${hint}.`;
      }
    }
    if (mfa.enrolled?.totp) {
      enrolled.push('totp');
    }
    if (enrolled.length === 0) {
      showError(pageError, 'Your account has no way to receive codes yet. Please contact support with your claim number.');
      return;
    }
    byId('pick-sms').closest('.choice').hidden = !enrolled.includes('sms');
    byId('pick-totp').closest('.choice').hidden = !enrolled.includes('totp');
    byId(`pick-${enrolled[0]}`).checked = true;
    show(enrolled[0], false);
  } catch (failure) {
    fail(failure, pageError);
  }
}

picker.addEventListener('change', (event) => {
  if (event.target.name === 'method') {
    show(event.target.value, false);
  }
});

byId('use-recovery').addEventListener('click', () => {
  show('recovery', false);
  byId('recovery-code').focus();
});

byId('recovery-back').addEventListener('click', () => {
  const picked = picker.querySelector('input:checked')?.value || enrolled[0];
  show(picked, true);
});

async function verify(method, code) {
  const result = await api('mfa/verify', { method: 'POST', body: { method, code } });
  if (result.recoveryCodes?.length) {
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
  location.assign('account.html');
}

onCodesSaved('verify-new-codes-form', 'verify-codes-saved', 'verify-new-codes-error');

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
  byId('sms-sent-to').textContent =
    `We sent a 6-digit code to ${result.phoneHint}. It works for ${formatDuration(result.expiresInSeconds)}.`;
  stopCountdown();
  stopCountdown = startResendCountdown(resend, resendStatus, result.resendAfterSeconds);
}

onSubmit(sendForm, async () => {
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
    fail(failure, smsError, [], { method: 'sms' });
    // A refusal with a wait (sms_rate_limited, resend_too_soon) must not be left next to "You can ask for a new code now".
    if (failure.retryAfterSeconds) {
      stopCountdown();
    }
  }
});

onSubmit(smsForm, async () => {
  const code = readSixDigits(smsCode, smsError, 'Enter the 6-digit code from the text message.');
  if (code === null) {
    return;
  }
  try {
    await verify('sms', code);
  } catch (failure) {
    fail(failure, smsError, [smsCode], { method: 'sms' });
    smsCode.select();
    smsCode.focus();
  }
});

// ---- Authenticator app ----

const totpCode = byId('totp-code');
const totpError = byId('totp-code-error');
onSubmit(byId('totp-verify-form'), async () => {
  const code = readSixDigits(totpCode, totpError, 'Enter the 6-digit code your authenticator app shows.');
  if (code === null) {
    return;
  }
  try {
    await verify('totp', code);
  } catch (failure) {
    fail(failure, totpError, [totpCode], { method: 'totp' });
    totpCode.select();
    totpCode.focus();
  }
});

// ---- Recovery code ----

const recoveryCode = byId('recovery-code');
const recoveryError = byId('recovery-code-error');
onSubmit(byId('recovery-verify-form'), async () => {
  clearError(recoveryError, [recoveryCode]);
  const code = recoveryCode.value.trim();
  if (!code) {
    showError(recoveryError, 'Enter one of your recovery codes.', [recoveryCode]);
    recoveryCode.focus();
    return;
  }
  try {
    await verify('recovery', code);
  } catch (failure) {
    fail(failure, recoveryError, [recoveryCode], { method: 'recovery' });
    recoveryCode.select();
    recoveryCode.focus();
  }
});

start();
