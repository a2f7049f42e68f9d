// First-time MFA setup: choose the methods, set up SMS/Text first and the authenticator app next,
// then show the recovery codes once. Also the steps of a method added or replaced from the account page (a full
// session whose plan is already chosen), with "Confirm it's you" when the 5-minute step-up window has passed.
import { api, ApiError } from './api.js';
import { startResendCountdown } from './countdown.js';
import { byId, clearError, element, focusBelowInstructions, focusWithMessage, onSubmit, phoneHint, readSixDigits, showError, showStep } from './dom.js';
import { formatLocale, language, setText, t, tNodes } from './i18n.js';
import { formatDuration } from './messages.js';
import { initPage } from './page.js';
import { addPasskey, browserRefusalMessage, isBrowserRefusal, passkeysSupported } from './passkeys.js';
import { renderQrSvg } from './qr.js';
import { onCodesSaved, renderRecoveryCodes } from './recovery-codes.js';
import { afterSignIn, withReturn } from './return-to.js';
import { showFailure, withStepUp } from './step-up.js';

initPage();

const steps = [...document.querySelectorAll('[data-step]')];
const pageError = byId('setup-error');

/** The methods chosen for this setup, in order (["sms", "totp"] for both); empty before the choice. */
let planned = [];
/** Adding or replacing a method from the account page (a full session), rather than the first setup. */
let changing = false;
const doneWords = { sms: 'method.sms', totp: 'method.totp', passkey: 'setup.done_passkey' };

// Passkeys only where the browser has WebAuthn.
byId('choice-passkey-row').hidden = !passkeysSupported();

/** Shows the error, or leaves for sign-in when the session has ended. */
function fail(failure, alert, inputs = [], context = {}) {
  showFailure(alert, failure, inputs, context);
}

async function start() {
  try {
    const mfa = await api('mfa');
    // Signed in already: Add or Replace on the account page chose a plan, and this page takes its steps.
    changing = mfa.stage === 'signed-in';
    byId('setup-cancel').hidden = !changing;
    if (mfa.stage === 'mfa-verify') {
      location.replace(withReturn('verify.html'));
    } else if (mfa.setupPlan?.next) {
      planned = mfa.setupPlan.methods || [];
      await goTo(mfa.setupPlan.next);
    } else if (mfa.stage !== 'mfa-setup') {
      afterSignIn();
    } else {
      showStep(steps, byId('step-choose'), { focus: byId('choice-totp') });
    }
  } catch (failure) {
    showStep(steps, byId('step-choose'), { focus: false });
    fail(failure, pageError);
  }
}

/**
 * Shows the step for `next` ("sms", "totp", or "done" with the recovery codes) and puts focus where the
 * customer acts first: the phone number, the authenticator code, or the recovery codes' heading.
 */
async function goTo(next, recoveryCodes = []) {
  clearError(pageError);
  showProgress(next);
  if (next === 'sms') {
    showStep(steps, byId('step-sms'), { focus: false });
    await loadCountries();
    // The country is usually chosen already (from the browser's language): then the number comes first.
    (country.value ? phone : country).focus();
  } else if (next === 'totp') {
    showStep(steps, byId('step-totp'), { focus: false });
    // The caret waits in the code field while the QR code and key stay in view above it.
    focusBelowInstructions(totpCode);
    await beginTotp();
  } else if (next === 'passkey') {
    showStep(steps, byId('step-passkey'), { focus: true });
  } else if (recoveryCodes.length > 0) {
    renderRecoveryCodes(byId('recovery-codes'), recoveryCodes);
    showStep(steps, byId('step-recovery'), { focus: true });
  } else {
    afterSignIn(changing ? 'account.html?notice=methods-changed' : 'account.html');
  }
}

/** Whether the customer ticked "Don't ask for a code on this device" (shown on the plan's last step only). */
function rememberDevice(id) {
  const box = byId(id);
  return !box.closest('[data-remember]').hidden && box.checked;
}

/** "Step 1 of 2" through a setup of two methods, and what is already set up ("SMS/Text is set up."). */
function showProgress(next) {
  // "Don't ask for a code on this device" goes with the plan's last step: its right code signs in.
  const last = planned.length === 0 || planned.indexOf(next) === planned.length - 1;
  for (const field of document.querySelectorAll('[data-remember]')) {
    field.hidden = !last;
  }
  const progress = byId('setup-progress');
  const index = planned.indexOf(next);
  progress.hidden = planned.length < 2 || index < 0;
  if (progress.hidden) {
    progress.textContent = '';
  } else {
    setText(progress, 'setup.step', { step: index + 1, count: planned.length });
  }

  const done = index < 0 ? planned : planned.slice(0, index);
  // The methods' names keep their capitals (docs/glossary.md); only "Your passkey" starts lower in second place.
  const words = done.map((method, i) => t(i > 0 && method === 'passkey' ? 'setup.done_passkey_later' : doneWords[method]));
  const doneLine = byId('setup-done');
  if (words.length === 0) {
    doneLine.textContent = '';
  } else if (words.length === 1) {
    doneLine.textContent = t('setup.done_one', { method: words[0] });
  } else {
    doneLine.textContent = t('setup.done_two', { first: words[0], second: words[1] });
  }
}

// ---- Choosing the methods ----

const moreOptions = byId('more-options');
moreOptions.addEventListener('click', () => {
  const open = moreOptions.getAttribute('aria-expanded') !== 'true';
  moreOptions.setAttribute('aria-expanded', String(open));
  byId('more-choices').hidden = !open;
  if (open) {
    byId('choice-sms').focus();
  }
});

const chooseError = byId('choose-error');
onSubmit(byId('choose-form'), async () => {
  clearError(chooseError);
  const choice = new FormData(byId('choose-form')).get('method');
  const methods = { totp: ['totp'], sms: ['sms'], both: ['sms', 'totp'], passkey: ['passkey'] }[choice];
  if (!methods) {
    showError(chooseError, t('setup.choose_missing'));
    return;
  }
  try {
    const result = await withStepUp(() => api('mfa/setup', { method: 'POST', body: { methods } }));
    planned = result.setupPlan.methods || methods;
    await goTo(result.setupPlan.next);
  } catch (failure) {
    fail(failure, chooseError);
  }
});

// ---- SMS/Text ----

const country = byId('country');
const phone = byId('phone');
const phoneForm = byId('sms-phone-form');
const phoneError = byId('sms-phone-error');
const codeForm = byId('sms-code-form');
const smsCode = byId('sms-code');
const smsCodeError = byId('sms-code-error');
const resend = byId('sms-resend');
const resendStatus = byId('sms-resend-status');
let stopCountdown = () => {};
let countriesLoaded = false;

async function loadCountries() {
  if (countriesLoaded) {
    return;
  }
  try {
    const countries = await api('mfa/countries');
    const region = (navigator.language || '').split('-')[1]?.toUpperCase();
    // The API names countries in English; other languages take the browser's own names for them, in their order.
    const names = language() === 'en' ? null : new Intl.DisplayNames([formatLocale()], { type: 'region' });
    const named = countries.map((c) => ({ ...c, name: names?.of(c.code) ?? c.name }));
    if (names) {
      named.sort((a, b) => a.name.localeCompare(b.name, formatLocale()));
    }
    country.replaceChildren(...named.map((c) =>
      element('option', { value: c.code, selected: c.code === region }, `${c.name} (${c.dialCode})`)));
    countriesLoaded = true;
  } catch (failure) {
    country.replaceChildren(element('option', { value: '' }, t('setup.countries_failed')));
    fail(failure, phoneError);
  }
}

async function sendSetupCode(alert) {
  const result = await withStepUp(() => api('mfa/sms/setup', {
    method: 'POST',
    body: { country: country.value, phoneNumber: phone.value.trim() },
  }));
  byId('sms-sent-to').replaceChildren(...tNodes('code.sent_to', { phone: phoneHint(result.phoneHint), duration: formatDuration(result.expiresInSeconds) }));
  stopCountdown();
  stopCountdown = startResendCountdown(resend, resendStatus, result.resendAfterSeconds);
  clearError(alert);
}

onSubmit(phoneForm, async () => {
  clearError(phoneError, [phone, country]);
  if (!country.value || !phone.value.trim()) {
    const missing = !country.value ? country : phone;
    showError(phoneError, t('setup.phone_missing'), [missing]);
    missing.focus();
    return;
  }
  try {
    await sendSetupCode(phoneError);
    phoneForm.hidden = true;
    codeForm.hidden = false;
    clearError(smsCodeError, [smsCode]);
    smsCode.value = '';
    smsCode.focus();
  } catch (failure) {
    const aboutPhone = ['invalid_phone_number', 'phone_number_not_mobile', 'country_not_allowed', 'validation_failed'].includes(failure.code);
    fail(failure, phoneError, aboutPhone ? [phone] : []);
    if (aboutPhone) {
      phone.focus();
    }
  }
});

resend.addEventListener('click', async () => {
  clearError(smsCodeError, [smsCode]);
  try {
    await sendSetupCode(smsCodeError);
    smsCode.focus();
  } catch (failure) {
    fail(failure, smsCodeError);
    // A refusal with a wait (sms_rate_limited, resend_too_soon) must not be left next to "You can ask for a new code now".
    if (failure.retryAfterSeconds) {
      stopCountdown();
    }
  }
});

byId('sms-change').addEventListener('click', () => {
  stopCountdown();
  codeForm.hidden = true;
  phoneForm.hidden = false;
  phone.focus();
});

onSubmit(codeForm, async () => {
  const code = readSixDigits(smsCode, smsCodeError, t('code.sms_missing'));
  if (code === null) {
    return;
  }
  try {
    const result = await withStepUp(() => api('mfa/sms/setup/confirm', { method: 'POST', body: { code, rememberDevice: rememberDevice('sms-remember') } }));
    stopCountdown();
    await goTo(result.next, result.recoveryCodes || []);
  } catch (failure) {
    fail(failure, smsCodeError, [smsCode], { method: 'sms' });
    smsCode.select();
    smsCode.focus();
  }
});

byId('sms-use-app').addEventListener('click', async () => {
  clearError(phoneError);
  try {
    const result = await withStepUp(() => api('mfa/setup', { method: 'POST', body: { methods: ['totp'] } }));
    stopCountdown();
    planned = result.setupPlan.methods || ['totp'];
    await goTo(result.setupPlan.next);
  } catch (failure) {
    fail(failure, codeForm.hidden ? phoneError : smsCodeError);
  }
});

// ---- Authenticator app ----

const totpCode = byId('totp-code');
const totpError = byId('totp-error');
let totpKey = '';

async function beginTotp() {
  try {
    const setup = await withStepUp(() => api('mfa/totp/setup', { method: 'POST' }));
    totpKey = setup.secret.replace(/\s+/g, '');
    byId('totp-key').textContent = setup.secret;
    const qr = byId('totp-qr');
    if (!renderQrSvg(qr, setup.qrSvg)) {
      qr.replaceChildren(element('p', {}, t('setup.qr_failed')));
    }
    addOpenInAppLink(qr, setup.otpauthUri);
    byId('totp-copy-status').textContent = '';
    totpCode.value = '';
  } catch (failure) {
    fail(failure, totpError);
  }
}

// A customer setting up on the phone that holds the app cannot scan its own screen.
function addOpenInAppLink(qr, uri) {
  if (typeof uri === 'string' && uri.startsWith('otpauth://')) {
    qr.append(element('p', { class: 'open-in-app' },
      element('a', { href: uri, class: 'standalone-link', 'data-i18n': 'setup.open_in_app' }, t('setup.open_in_app'))));
  }
}

byId('totp-copy').addEventListener('click', async () => {
  const status = byId('totp-copy-status');
  try {
    await navigator.clipboard.writeText(totpKey);
    status.textContent = t('setup.key_copied');
  } catch {
    status.textContent = t('setup.key_copy_refused');
  }
});

onSubmit(byId('totp-form'), async () => {
  const code = readSixDigits(totpCode, totpError, t('code.totp_missing'));
  if (code === null) {
    return;
  }
  try {
    const result = await withStepUp(() => api('mfa/totp/setup/confirm', { method: 'POST', body: { code, rememberDevice: rememberDevice('totp-remember') } }));
    await goTo(result.next, result.recoveryCodes || []);
  } catch (failure) {
    fail(failure, totpError, [totpCode], { method: 'totp' });
    if (failure instanceof ApiError && failure.code === 'setup_expired') {
      const message = totpError.textContent;
      await beginTotp();
      showError(totpError, message, [totpCode]);
    }
    totpCode.select();
    focusWithMessage(totpCode);
  }
});

// ---- Passkey ----

const passkeyError = byId('passkey-error');
onSubmit(byId('passkey-form'), async () => {
  clearError(passkeyError);
  try {
    const result = await addPasskey();
    await goTo(result.next, result.recoveryCodes || []);
  } catch (failure) {
    if (isBrowserRefusal(failure)) {
      showError(passkeyError, browserRefusalMessage());
      return;
    }
    fail(failure, passkeyError);
  }
});

// ---- Recovery codes ----

onCodesSaved('recovery-form', 'saved-codes', 'recovery-error');

start();
