// The "send a new code" button waits for resendAfterSeconds before it can be pressed again.
import { element } from './dom.js';

/**
 * Disables `button` for `seconds`, showing the time left in `status` (not a live region:
 * announcing every second would drown out everything else).
 */
export function startResendCountdown(button, status, seconds) {
  const until = Date.now() + Math.max(0, seconds) * 1000;
  button.disabled = true;

  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(timer);
      button.disabled = false;
      status.textContent = 'Did not get it? You can ask for a new code now.';
      return;
    }
    const minutes = Math.floor(left / 60);
    const secs = String(left % 60).padStart(2, '0');
    status.replaceChildren('You can ask for a new code in ', element('span', { class: 'nowrap' }, `${minutes}:${secs}`), '.');
  };

  const timer = setInterval(tick, 1000);
  tick();
  return () => {
    clearInterval(timer);
    button.disabled = false;
    status.textContent = '';
  };
}
