// The account page's "Your sessions" (#sessions): where the account is signed in (GET /api/me/sessions), and
// "Sign out other devices" (POST /api/me/sessions/end-others), which also forgets the other remembered devices.
import { api } from './api.js';
import { byId, clearError, element, onSubmit } from './dom.js';
import { showFailure } from './step-up.js';

const list = byId('sessions-list');
const status = byId('sessions-status');
const error = byId('sessions-error');
const form = byId('sessions-form');

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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
    status.textContent = 'Other devices are signed out, and will need a code to sign in again.';
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
  const title = element('p', {}, element('strong', {}, session.device || 'Unknown device'),
    session.current ? element('span', { class: 'badge' }, 'This device') : null);
  const times = [`Signed in ${when.format(new Date(session.createdAt))}`];
  if (session.lastSeenAt) {
    times.push(`last seen ${when.format(new Date(session.lastSeenAt))}`);
  }
  if (session.stage !== 'full') {
    times.push('still signing in');
  }
  return element('li', { 'data-current': session.current ? 'true' : null }, title, element('p', {}, times.join(', ') + '.'));
}
