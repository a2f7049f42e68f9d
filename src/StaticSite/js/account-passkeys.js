// The account page's passkeys: list them, add one on this device, rename and remove them.
// Separate from account.js so the methods and sessions sections can change without touching this one.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { byId, clearError, element, onSubmit, showError } from './dom.js';
import { messageFor } from './messages.js';
import { addPasskey, browserRefusalMessage, isBrowserRefusal, passkeysSupported } from './passkeys.js';
import { formatLocale, t } from './i18n.js';

const section = byId('passkeys');
const list = byId('passkeys-list');
const error = byId('passkeys-error');
const status = byId('passkeys-status');

function fail(failure) {
  if (isBrowserRefusal(failure)) {
    showError(error, browserRefusalMessage());
    return;
  }
  if (!(failure instanceof ApiError)) {
    throw failure;
  }
  if (!leaveIfSessionEnded(failure)) {
    showError(error, messageFor(failure));
  }
}

function dateText(value) {
  return value ? new Date(value).toLocaleDateString(formatLocale(), { year: 'numeric', month: 'long', day: 'numeric' }) : t('passkeys.not_yet');
}

function row(passkey) {
  const rename = element('button', { type: 'button', class: 'button-link' }, t('passkeys.rename'));
  const remove = element('button', { type: 'button', class: 'button-link' }, t('passkeys.remove'));
  rename.setAttribute('aria-label', t('passkeys.rename_named', { name: passkey.name }));
  remove.setAttribute('aria-label', t('passkeys.remove_named', { name: passkey.name }));
  const item = element('li', { class: 'passkey', 'data-id': passkey.id },
    element('strong', {}, passkey.name),
    element('span', { class: 'hint' }, ` ${t('passkeys.dates', { created: dateText(passkey.createdAt), used: dateText(passkey.lastUsedAt) })}`),
    element('span', { class: 'passkey-actions' }, rename, remove));
  rename.addEventListener('click', () => openRename(item, passkey));
  remove.addEventListener('click', () => removePasskey(passkey));
  return item;
}

/**
 * Renaming happens in the row itself (issue 27 finding 11: no window.prompt, which some browsers block and screen readers
 * announce poorly): the name becomes a field with Save name and Cancel; Escape cancels.
 */
function openRename(item, passkey) {
  clearError(error);
  const inputId = `passkey-name-${passkey.id}`;
  const input = element('input', { id: inputId, name: 'name', type: 'text', maxlength: 64, required: true, autocomplete: 'off' });
  input.value = passkey.name;
  const fieldError = element('p', { id: `${inputId}-error`, class: 'error', role: 'alert', hidden: true });
  const cancel = element('button', { type: 'button', class: 'button-secondary' }, t('common.cancel'));
  const form = element('form', { class: 'form passkey-rename', novalidate: true },
    element('div', { class: 'field' }, element('label', { for: inputId }, t('passkeys.new_name')), input, fieldError),
    element('div', { class: 'actions' }, element('button', { type: 'submit', class: 'button-primary' }, t('passkeys.save_name')), cancel));
  const shown = [...item.children];
  shown.forEach((child) => { child.hidden = true; });
  item.append(form);

  const close = () => {
    form.remove();
    shown.forEach((child) => { child.hidden = false; });
    item.querySelector('.passkey-actions button')?.focus();
  };
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  onSubmit(form, async () => {
    clearError(fieldError, [input]);
    const name = input.value.trim();
    if (!name) {
      showError(fieldError, t('passkeys.name_missing'), [input]);
      input.focus();
      return;
    }
    try {
      await api(`passkeys/${encodeURIComponent(passkey.id)}`, { method: 'PATCH', body: { name } });
      status.textContent = t('passkeys.renamed', { name });
      await load();
      list.querySelector(`li[data-id="${CSS.escape(passkey.id)}"] .passkey-actions button`)?.focus();
    } catch (failure) {
      close();
      fail(failure);
    }
  });
  input.focus();
  input.select();
}

async function load() {
  const passkeys = await api('passkeys');
  list.replaceChildren(...passkeys.map(row));
  byId('passkeys-none').hidden = passkeys.length > 0;
  section.hidden = false;
}

async function removePasskey(passkey) {
  clearError(error);
  try {
    await api(`passkeys/${encodeURIComponent(passkey.id)}`, { method: 'DELETE' });
    status.textContent = `${passkey.name} was removed.`;
    await load();
  } catch (failure) {
    fail(failure);
  }
}

const add = byId('passkeys-add');
add.hidden = !passkeysSupported();
add.addEventListener('click', async () => {
  clearError(error);
  try {
    const added = await addPasskey();
    status.textContent = `${added.name} was added. You can use it to sign in.`;
    await load();
  } catch (failure) {
    fail(failure);
  }
});

load().catch((failure) => {
  // account.js sends a visitor without a session back to sign-in; nothing to show here then.
  if (!(failure instanceof ApiError)) {
    throw failure;
  }
});
