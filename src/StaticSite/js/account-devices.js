// The account page's remembered devices (section #devices): each with "Forget this device", and "Forget all devices".
// Its own module, so the account page's other parts stay independent of it.
import { api, ApiError, leaveIfSessionEnded } from './api.js';
import { byId, clearError, element, showError } from './dom.js';
import { messageFor } from './messages.js';
import { formatLocale, t } from './i18n.js';

const section = byId('devices');
const list = byId('devices-list');
const empty = byId('devices-empty');
const status = byId('devices-status');
const error = byId('devices-error');
const forgetAll = byId('devices-forget-all');

const dateFormat = () => new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' });

function fail(failure) {
  if (!(failure instanceof ApiError)) {
    throw failure;
  }
  if (!leaveIfSessionEnded(failure)) {
    showError(error, messageFor(failure));
  }
}

function render(devices) {
  list.replaceChildren(...devices.map((device) => {
    const name = device.current ? t('devices.this_device', { name: device.name }) : device.name;
    const forget = element('button', { type: 'button', class: 'button-link' }, t('devices.forget'));
    forget.setAttribute('aria-label', t('devices.forget_named', { name }));
    forget.addEventListener('click', () => forgetOne(device, name));
    return element('li', { class: 'device' },
      element('strong', {}, name),
      element('span', { class: 'hint' }, t('devices.dates', { created: dateFormat().format(new Date(device.createdAt)), used: dateFormat().format(new Date(device.lastUsedAt)) })),
      forget);
  }));
  empty.hidden = devices.length > 0;
  forgetAll.hidden = devices.length === 0;
}

async function load() {
  render(await api('me/devices'));
  section.hidden = false;
}

async function forgetOne(device, name) {
  clearError(error);
  try {
    await api(`me/devices/${encodeURIComponent(device.id)}`, { method: 'DELETE' });
    status.textContent = t('devices.forgotten', { name });
  } catch (failure) {
    // Forgotten already (another tab, a password change): the list below shows what is left.
    if (!(failure instanceof ApiError && failure.code === 'device_not_found')) {
      fail(failure);
      return;
    }
  }
  await reload();
}

forgetAll.addEventListener('click', async () => {
  clearError(error);
  try {
    await api('me/devices', { method: 'DELETE' });
    status.textContent = t('devices.all_forgotten');
    await reload();
  } catch (failure) {
    fail(failure);
  }
});

async function reload() {
  try {
    await load();
    // The button pressed is gone: focus stays in the section.
    section.querySelector('h2').setAttribute('tabindex', '-1');
    section.querySelector('h2').focus();
  } catch (failure) {
    fail(failure);
  }
}

load().catch(fail);
