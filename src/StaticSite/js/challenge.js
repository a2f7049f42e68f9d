// The proof-of-work challenge (ALTCHA) the API asks for when many sign-ins have failed from the customer's network, or everywhere
// (a 429 `challenge_required` carrying `challenge`). The widget (vendor/altcha, its CSP-friendly "external" build with the PBKDF2
// worker as a file) is loaded only then, so customers not under suspicion never download or see it. It solves the challenge in
// the background, then the request is sent again with the widget's payload as `altcha`.
import { ApiError } from './api.js';
import { element } from './dom.js';
import { t } from './i18n.js';

const vendor = new URL('../vendor/altcha/', import.meta.url);
let loading = null;

function loadWidget() {
  loading ??= (async () => {
    document.head.append(element('link', { rel: 'stylesheet', href: new URL('altcha.css', vendor).href }));
    await import(new URL('altcha.min.js', vendor).href);
    // The external build has no workers of its own: the PBKDF2 one is a plain file of the site (script-src 'self').
    globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker(new URL('pbkdf2.js', vendor)));
  })();
  return loading;
}

/** True when the API asked for a solved challenge. */
export function isChallenge(failure) {
  return failure instanceof ApiError && failure.code === 'challenge_required' && typeof failure.problem.challenge === 'object';
}

/**
 * Runs `send(altcha)`: first with no payload; when the API answers `challenge_required`, shows the widget in a box placed before
 * `before` (the form's error line), lets it solve the challenge, and sends again with its payload. Any other failure is thrown.
 */
export async function withChallenge(before, send) {
  try {
    return await send(undefined);
  } catch (failure) {
    if (!isChallenge(failure)) {
      throw failure;
    }
    return send(await solve(before, failure.problem.challenge));
  }
}

async function solve(before, challenge) {
  await loadWidget();
  const widget = element('altcha-widget', {
    challenge: JSON.stringify(challenge),
    auto: 'onload',
    configuration: JSON.stringify({ hideFooter: true }),
  });
  const box = element('div', { class: 'challenge', role: 'status' },
    element('p', {}, t('challenge.text')),
    widget);
  before.closest('form')?.querySelector('.challenge')?.remove();
  before.before(box);
  try {
    return await new Promise((resolve, reject) => {
      widget.addEventListener('verified', (event) => resolve(event.detail.payload));
      widget.addEventListener('statechange', (event) => {
        if (event.detail.state === 'error' || event.detail.state === 'expired') {
          reject(new ApiError(429, { code: 'challenge_required' }));
        }
      });
    });
  } finally {
    box.remove();
  }
}
