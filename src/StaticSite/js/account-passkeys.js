// The account page's passkeys: list them, add one on this device, rename and remove them.
// Separate from account.js so the methods and sessions sections can change without touching this one.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { byId, clearError, element, showError } from './dom.js';
import { messageFor } from './messages.js';
import { addPasskey, browserRefusalMessage, isBrowserRefusal, passkeysSupported } from './passkeys.js';

const section = byId('passkeys');
const list = byId('passkeys-list');
const error = byId('passkeys-error');
const status = byId('passkeys-status');

function fail(failure) {
  if (isBrowserRefusal(failure)) {
    showError(error, browserRefusalMessage);
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
  return value ? new Date(value).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' }) : 'not yet';
}

function row(passkey) {
  const rename = element('button', { type: 'button', class: 'button-link' }, 'Rename');
  const remove = element('button', { type: 'button', class: 'button-link' }, 'Remove');
  rename.setAttribute('aria-label', `Rename ${passkey.name}`);
  remove.setAttribute('aria-label', `Remove ${passkey.name}`);
  rename.addEventListener('click', () => renamePasskey(passkey));
  remove.addEventListener('click', () => removePasskey(passkey));
  return element('li', { class: 'passkey' },
    element('strong', {}, passkey.name),
    element('span', { class: 'hint' }, ` Added ${dateText(passkey.createdAt)}, last used ${dateText(passkey.lastUsedAt)}.`),
    element('span', { class: 'passkey-actions' }, rename, remove));
}

async function load() {
  const passkeys = await api('passkeys');
  list.replaceChildren(...passkeys.map(row));
  byId('passkeys-none').hidden = passkeys.length > 0;
  section.hidden = false;
}

async function renamePasskey(passkey) {
  clearError(error);
  const name = window.prompt('New name for this passkey', passkey.name);
  if (!name || !name.trim()) {
    return;
  }
  try {
    await api(`passkeys/${encodeURIComponent(passkey.id)}`, { method: 'PATCH', body: { name: name.trim() } });
    status.textContent = `Renamed to ${name.trim()}.`;
    await load();
  } catch (failure) {
    fail(failure);
  }
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
