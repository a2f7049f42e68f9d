// After too many wrong codes the second factor is locked (mfa_locked). The page must not look usable:
// every control marked data-lockable is disabled, the wait counts down, and the ways out are in view.
import { api, ApiError } from './api.js';
import { clockText, countDown } from './countdown.js';
import { byId, element, focusHeading } from './dom.js';
import { t } from './i18n.js';
import { messageFor } from './messages.js';
import { loadSupportContact, renderSupportContact } from './page.js';

/**
 * The lock panel `#{panelId}` with its parts `-message` (role="alert"), `-wait` (the countdown, not live),
 * `-over` (role="status", said once when the wait ends) and `-contact` (support phone and chat).
 */
export function createLock(panelId) {
  const panel = byId(panelId);
  const message = byId(`${panelId}-message`);
  const wait = byId(`${panelId}-wait`);
  const over = byId(`${panelId}-over`);
  let stop = () => {};
  let locked = false;

  loadSupportContact().then((contact) => renderSupportContact(byId(`${panelId}-contact`), contact, { email: false }));

  function setControls(disabled) {
    for (const control of document.querySelectorAll('[data-lockable]')) {
      control.disabled = disabled;
    }
  }

  // The first lock (15 minutes) outlasts the 10-minute sign-in session: check before saying "try again".
  async function end() {
    wait.replaceChildren();
    let sessionEnded = false;
    try {
      await api('mfa');
    } catch (failure) {
      sessionEnded = failure instanceof ApiError && failure.code === 'session_required';
    }
    locked = false;
    if (sessionEnded) {
      over.replaceChildren(
        element('p', {}, t('lock.over_sign_in')),
        element('p', {}, element('a', { href: 'index.html', class: 'standalone-link' }, t('lock.sign_in_again'))));
    } else {
      setControls(false);
      over.replaceChildren(element('p', {}, t('lock.over')));
    }
  }

  return {
    get locked() {
      return locked;
    },

    /** Shows the lock for an mfa_locked ApiError and moves focus to it (the control that had focus is now disabled). */
    lock(error) {
      stop();
      locked = true;
      setControls(true);
      over.replaceChildren();
      panel.hidden = false;
      message.textContent = messageFor(error);
      focusHeading(panel);
      if (error.retryAfterSeconds) {
        stop = countDown(error.retryAfterSeconds,
          (left) => wait.replaceChildren(...clockText('lock.wait', left)),
          end);
      } else {
        // No wait was sent: nothing to count down, so let the customer try again when they choose.
        locked = false;
        setControls(false);
      }
    },
  };
}
