// The account page's "Your sessions" (#sessions): where the account is signed in (GET /api/me/sessions), and
// "Sign out other devices" (POST /api/me/sessions/end-others), which also forgets the other remembered devices.
import { api } from './api.js';
import { byId, clearError, element, onSubmit } from './dom.js';
import { showFailure } from './step-up.js';
import { formatLocale, t } from './i18n.js';

const list = byId('sessions-list');
const status = byId('sessions-status');
const error = byId('sessions-error');
const form = byId('sessions-form');

const when = () => new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium', timeStyle: 'short' });

export function startSessions() {
  byId('sessions').hidden = false;
  load();
  document.addEventListener('portal:sessions-changed', load);

  onSubmit(form, async () => {
    clearError(error);
    status.textContent = '';
    try {
      await api('me/sessions/end-others', { method: 'POST' });
    } catch (failure) {
      showFailure(error, failure);
      return;
    }
    await load();
    status.textContent = t('sessions.others_ended');
    status.focus();
  });
}

async function load() {
  try {
    const sessions = await api('me/sessions');
    list.replaceChildren(...sessions.map(render));
    form.hidden = !sessions.some((session) => !session.current);
  } catch (failure) {
    showFailure(error, failure);
  }
}

function render(session) {
  const title = element('p', {}, element('strong', {}, session.device || t('sessions.unknown_device')),
    session.current ? element('span', { class: 'badge' }, t('sessions.this_device')) : null);
  const times = [t('sessions.signed_in', { when: when().format(new Date(session.createdAt)) })];
  if (session.lastSeenAt) {
    times.push(t('sessions.last_seen', { when: when().format(new Date(session.lastSeenAt)) }));
  }
  if (session.stage !== 'full') {
    times.push(t('sessions.still_signing_in'));
  }
  return element('li', { 'data-current': session.current ? 'true' : null }, title, element('p', {}, t('sessions.times', { times: times.join(t('sessions.separator')) })));
}
