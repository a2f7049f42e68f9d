// The account page's "Ways to confirm it's you" (#manage-methods): each method with Replace and Remove, the missing one
// with Add. Add and Replace start a setup plan for that method (after "Confirm it's you" when needed) and continue on
// setup.html, the same steps as the first setup; Remove deletes it here (never the last one: 409 last_method).
import { api } from './api.js';
import { byId, clearError, element, phoneHint } from './dom.js';
import { showFailure, withStepUp } from './step-up.js';
import { t, tNodes } from './i18n.js';

/** The catalog keys of the methods' names. */
export const methodNames = { sms: 'method.sms', totp: 'method.totp', passkey: 'method.passkey' };

const labels = {
  sms: { title: 'method.sms', add: 'methods.add_sms', replace: 'methods.replace_sms', remove: 'methods.remove_sms', removed: 'methods.removed_sms' },
  totp: { title: 'method.totp', add: 'methods.add_totp', replace: 'methods.replace_totp', remove: 'methods.remove_totp', removed: 'methods.removed_totp' },
};

const list = byId('methods-list');
const status = byId('methods-status');
const error = byId('methods-error');

/** Shows the methods from GET /api/mfa's `enrolled` ({ sms: { phoneHint } | null, totp: bool }). */
export function startMethods(enrolled) {
  render(enrolled);
  byId('manage-methods').hidden = false;
}

function render(enrolled) {
  list.replaceChildren(...['totp', 'sms'].map((method) => {
    const has = method === 'sms' ? Boolean(enrolled.sms) : Boolean(enrolled.totp);
    const text = labels[method];
    const detail = !has ? t('methods.not_set_up')
      : method === 'sms' ? tNodes('methods.sms_detail', { phone: phoneHint(enrolled.sms.phoneHint) }) : t('methods.totp_detail');
    const buttons = has
      ? [button(t(text.replace), () => setUp(method)), button(t(text.remove), () => remove(method))]
      : [button(t(text.add), () => setUp(method))];
    return element('li', {}, element('p', {}, element('strong', {}, t(text.title))), element('p', {}, ...[detail].flat()),
      element('div', { class: 'actions' }, ...buttons));
  }));
}

function button(text, action) {
  const node = element('button', { type: 'button', class: 'button-secondary' }, text);
  let running = false;
  node.addEventListener('click', async () => {
    if (running) {
      return;
    }
    running = true;
    node.setAttribute('aria-disabled', 'true');
    try {
      await action();
    } finally {
      running = false;
      node.removeAttribute('aria-disabled');
    }
  });
  return node;
}

function reset() {
  clearError(error);
  status.textContent = '';
}

/** Add or replace: the plan is kept in the session, and setup.html takes the customer through its steps. */
async function setUp(method) {
  reset();
  try {
    await withStepUp(() => api('mfa/setup', { method: 'POST', body: { methods: [method] } }));
    location.assign('setup.html');
  } catch (failure) {
    if (showFailure(error, failure)) {
      error.focus();
    }
  }
}

async function remove(method) {
  reset();
  try {
    await withStepUp(() => api(`mfa/methods/${method}`, { method: 'DELETE' }));
  } catch (failure) {
    if (showFailure(error, failure)) {
      error.focus();
    }
    return;
  }
  const mfa = await api('mfa');
  render(mfa.enrolled || {});
  document.dispatchEvent(new CustomEvent('portal:methods-changed', {
    detail: ['sms', 'totp'].filter((m) => (m === 'sms' ? mfa.enrolled?.sms : mfa.enrolled?.totp)),
  }));
  // Removing a method forgets every remembered device (security-details.md): say so, so the next code is no surprise (issue 27 finding 5).
  status.textContent = `${t(labels[method].removed)} ${t('methods.removed_devices')}`;
  status.focus();
}
