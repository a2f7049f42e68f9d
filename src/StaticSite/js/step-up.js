// "Confirm it's you": the step-up prompt any page can use. Wrap an API call in withStepUp(action): when the API answers
// 403 step_up_required (a change to the sign-in more than 5 minutes after the last code), the prompt asks for a second
// factor (POST /api/mfa/step-up) and, once it is proven, runs the action again. The dialog builds itself on first use.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { clearError, element, onSubmit, phoneHint, readSixDigits, showError } from './dom.js';
import { formatDuration, messageFor } from './messages.js';
import { setText, t, tNodes } from './i18n.js';

/** Thrown by withStepUp when the customer closes the prompt: the action was not done, and nothing needs saying. */
export class StepUpCancelled extends Error {
  constructor() {
    super('The customer closed "Confirm it\'s you".');
    this.name = 'StepUpCancelled';
  }
}

/**
 * Shows a failed action's message in `alert` (marking `inputs`), or goes to sign-in when the session ended; a closed
 * prompt shows nothing. Returns true when a message is shown.
 */
export function showFailure(alert, failure, inputs = [], context = {}) {
  if (failure instanceof StepUpCancelled) {
    return false;
  }
  if (!(failure instanceof ApiError)) {
    throw failure;
  }
  if (leaveIfSessionEnded(failure)) {
    return false;
  }
  showError(alert, messageFor(failure, context), inputs);
  return true;
}

/** Runs `action`; after a step_up_required answer, asks the customer to confirm it's them and runs it once more. */
export async function withStepUp(action) {
  try {
    return await action();
  } catch (failure) {
    if (!(failure instanceof ApiError) || failure.code !== 'step_up_required') {
      throw failure;
    }
  }
  if (!(await confirmItsYou())) {
    throw new StepUpCancelled();
  }
  return action();
}

const codeFields = {
  sms: { label: 'code.sms_label', numeric: true },
  totp: { label: 'step_up.totp_label', numeric: true },
  recovery: { label: 'verify.recovery_label', numeric: false },
};

let prompt = null;

/** Opens the prompt; resolves true once a second factor is proven, false when the customer closes it. */
export async function confirmItsYou() {
  const mfa = await api('mfa');
  prompt ??= buildPrompt();
  return prompt.open(mfa.enrolled || {});
}

function buildPrompt() {
  // Marked (data-i18n), so a language switch translates the prompt, which is built once, too.
  const heading = element('h2', { id: 'step-up-heading', 'data-i18n': 'verify.heading' }, t('verify.heading'));
  const intro = element('p', { 'data-i18n': 'step_up.intro' }, t('step_up.intro'));
  const legend = element('legend', { 'data-i18n': 'step_up.legend' }, t('step_up.legend'));
  const choices = element('fieldset', { id: 'step-up-methods' }, legend);
  const smsStatus = element('p', { id: 'step-up-sms-status', role: 'status' });
  const send = element('button', { id: 'step-up-send', type: 'button', class: 'button-secondary' });
  const smsPart = element('div', { id: 'step-up-sms' }, smsStatus, send);
  const label = element('label', { for: 'step-up-code' });
  const code = element('input', { id: 'step-up-code', name: 'code', type: 'text', class: 'code-input', required: true });
  const error = element('p', { id: 'step-up-error', class: 'error', role: 'alert', hidden: true });
  const confirm = element('button', { type: 'submit', class: 'button-primary', 'data-i18n': 'code.verify' }, t('code.verify'));
  const cancel = element('button', { id: 'step-up-cancel', type: 'button', class: 'button-secondary', 'data-i18n': 'common.cancel' }, t('common.cancel'));
  const form = element('form', { id: 'step-up-form', class: 'form', novalidate: true },
    choices, smsPart, element('div', { class: 'field' }, label, code), error, element('div', { class: 'actions' }, confirm, cancel));
  const dialog = element('dialog', { id: 'step-up', class: 'dialog', 'aria-labelledby': 'step-up-heading' }, heading, intro, form);
  document.body.append(dialog);

  let method = 'totp';
  let resolveOpen = () => {};

  function choose(next, { focus = true } = {}) {
    method = next;
    clearError(error, [code]);
    const field = codeFields[method];
    setText(label, field.label);
    code.value = '';
    code.setAttribute('inputmode', field.numeric ? 'numeric' : 'text');
    code.setAttribute('autocomplete', field.numeric ? 'one-time-code' : 'off');
    code.setAttribute('maxlength', field.numeric ? '6' : '20');
    if (field.numeric) {
      code.setAttribute('pattern', '[0-9]{6}');
    } else {
      code.removeAttribute('pattern');
    }
    smsPart.hidden = method !== 'sms';
    if (focus) {
      // SMS/Text has no code yet: its first step is the send button.
      (method === 'sms' ? send : code).focus();
    }
  }

  send.addEventListener('click', async () => {
    clearError(error, [code]);
    try {
      const sent = await api('mfa/sms/send', { method: 'POST' });
      smsStatus.replaceChildren(...tNodes('code.sent_to', { phone: phoneHint(sent.phoneHint), duration: formatDuration(sent.expiresInSeconds) }));
      setText(send, 'code.resend');
      code.focus();
    } catch (failure) {
      fail(failure);
    }
  });

  function fail(failure) {
    showFailure(error, failure, [code], { method });
  }

  onSubmit(form, async () => {
    let value;
    if (method === 'recovery') {
      clearError(error, [code]);
      value = code.value.trim();
      if (value.replace(/[\s-]/g, '').length !== 10) {
        showError(error, messageFor({ code: 'validation_failed' }, { method }), [code]);
        code.focus();
        return;
      }
    } else {
      value = readSixDigits(code, error, method === 'sms' ? t('code.sms_missing') : t('code.totp_missing'));
      if (value === null) {
        return;
      }
    }
    try {
      await api('mfa/step-up', { method: 'POST', body: { method, code: value } });
      dialog.close('confirmed');
    } catch (failure) {
      fail(failure);
      code.select();
      code.focus();
    }
  });

  cancel.addEventListener('click', () => dialog.close('cancelled'));
  dialog.addEventListener('close', () => resolveOpen(dialog.returnValue === 'confirmed'));

  return {
    open(enrolled) {
      const offered = [
        enrolled.totp ? ['totp', t('method.totp')] : null,
        enrolled.sms ? ['sms', tNodes('verify.sms_to', { phone: phoneHint(enrolled.sms.phoneHint) })] : null,
        ['recovery', t('step_up.recovery')],
      ].filter(Boolean);
      choices.replaceChildren(legend, ...offered.map(([value, text], index) => element('div', { class: 'choice' },
        element('input', { id: `step-up-${value}`, type: 'radio', name: 'step-up-method', value, checked: index === 0 }),
        element('label', { for: `step-up-${value}` }, ...[text].flat()))));
      for (const radio of choices.querySelectorAll('input')) {
        radio.addEventListener('change', () => choose(radio.value, { focus: false }));
      }
      smsStatus.textContent = '';
      setText(send, 'code.send');
      dialog.returnValue = '';
      dialog.showModal();
      choose(offered[0][0]);
      return new Promise((resolve) => {
        resolveOpen = resolve;
      });
    },
  };
}
