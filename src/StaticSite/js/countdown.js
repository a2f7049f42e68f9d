// Waits the customer can see: the "send a new code" wait and the wait after too many wrong codes.
import { element } from './dom.js';
import { t, tNodes } from './i18n.js';

/** "0:05", "14:59", "1:02:03". */
export function formatClock(totalSeconds) {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/**
 * Calls `tick(secondsLeft)` now and every second, then `done()` once the time is up.
 * Returns a function that stops it without calling `done`.
 */
export function countDown(seconds, tick, done) {
  const until = Date.now() + Math.max(0, seconds) * 1000;
  let timer = null;
  const step = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(timer);
      done();
      return;
    }
    tick(left);
  };
  timer = setInterval(step, 1000);
  step();
  return () => clearInterval(timer);
}

/** The catalog's text for `key` with its {time} (the time left) kept on one line. */
export function clockText(key, secondsLeft) {
  return tNodes(key, { time: element('span', { class: 'nowrap' }, formatClock(secondsLeft)) });
}

/**
 * Disables `button` for `seconds`, showing the time left in `status` (not a live region:
 * announcing every second would drown out everything else).
 */
export function startResendCountdown(button, status, seconds) {
  button.disabled = true;
  const stop = countDown(
    seconds,
    (left) => status.replaceChildren(...clockText('code.resend_wait', left)),
    () => {
      button.disabled = false;
      status.textContent = t('code.resend_now');
    });
  return () => {
    stop();
    button.disabled = false;
    status.textContent = '';
  };
}
