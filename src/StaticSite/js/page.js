// What every page has, written once here: the skip link, the header and the help footer (its support contact from
// config.json), and the announcement banner. A page's HTML holds only its own <main> (and, on the sign-in and account
// pages, the banner's slot after it); no build step puts the shared parts in.
import { element, safeHttpUrl } from './dom.js';

const dismissedKey = 'portal.announcement.dismissed';
let configPromise;

// When this module is first imported, before the page's own script runs, so every page finds its frame in place.
renderFrame();

function renderFrame() {
  if (document.querySelector('.site-header')) {
    return;
  }
  document.body.prepend(
    element('a', { class: 'skip-link', href: '#main' }, 'Skip to main content'),
    element('header', { class: 'site-header' }, element('div', { class: 'container' }, element('p', { class: 'brand' }, 'Customer Portal'))));
  document.body.append(
    element('footer', { class: 'site-footer', 'aria-labelledby': 'help-heading' },
      element('div', { class: 'container' },
        element('h2', { id: 'help-heading' }, 'Need help?'),
        element('p', {}, 'Contact our support team and have your claim number ready.'),
        element('div', { id: 'help-contact' }),
        element('p', {}, element('a', { class: 'standalone-link', href: 'what-is-mfa.html' }, 'What is multi-factor authentication?')))));
}

/** config.json, or an empty configuration when it cannot be read (the pages still work). */
export function loadConfig() {
  configPromise ??= fetch('config.json', { credentials: 'same-origin', cache: 'no-cache' })
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return configPromise;
}

export async function initPage() {
  const config = await loadConfig();
  const slot = document.getElementById('help-contact');
  if (slot) {
    renderSupportContact(slot, config);
  }
  renderAnnouncement(config.announcement);
  return config;
}

/**
 * A link that leaves the portal opens in a new tab, and says so, so the customer never loses
 * the step they are on (a half-done setup, a code on its way).
 */
export function externalLink(href, text) {
  return element('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'standalone-link' },
    text, element('span', { class: 'new-tab' }, ' (opens in a new tab)'));
}

/** The support phone, email, hours and live chat from config.json, as a list in `slot`; nothing when none is configured. */
export function renderSupportContact(slot, config, { email = true } = {}) {
  const support = config.support || {};
  const items = [];
  if (support.phone) {
    const tel = support.phone.replace(/[^\d+]/g, '');
    items.push(element('li', {}, 'Phone: ', element('a', { href: `tel:${tel}`, class: 'standalone-link' }, support.phone)));
  }
  if (email && support.email) {
    items.push(element('li', {}, 'Email: ', element('a', { href: `mailto:${support.email}`, class: 'standalone-link' }, support.email)));
  }
  if (support.hours) {
    items.push(element('li', {}, `Opening hours: ${support.hours}`));
  }
  const chat = safeHttpUrl(config.liveChatUrl);
  if (chat) {
    items.push(element('li', {}, externalLink(chat, 'Chat with us live')));
  }
  if (items.length > 0) {
    slot.replaceChildren(element('ul', { class: 'help-list' }, ...items));
  }
}

// The banner's slot sits after <main> and only on the sign-in and account pages, so it never stands
// between the customer and the task, in reading order, in tab order, or on a small screen.
function renderAnnouncement(announcement) {
  const slot = document.getElementById('announcement');
  if (!slot || !announcement || !announcement.id || !announcement.text) {
    return;
  }
  if (readDismissed() === announcement.id) {
    return;
  }

  const body = element('div', { class: 'announcement-body' }, element('p', { class: 'announcement-text' }, announcement.text));
  const link = safeHttpUrl(announcement.linkUrl);
  if (link && announcement.linkText) {
    body.append(element('p', { class: 'announcement-link' }, externalLink(link, announcement.linkText)));
  }
  const dismiss = element('button', { type: 'button', class: 'button-quiet' }, 'Dismiss');
  dismiss.setAttribute('aria-label', 'Dismiss announcement');
  dismiss.addEventListener('click', () => {
    writeDismissed(announcement.id);
    slot.hidden = true;
    slot.replaceChildren();
    // Focus goes on to what came next in reading order, not back to the top of the page.
    const next = document.getElementById('help-heading');
    if (next) {
      next.tabIndex = -1;
      next.focus();
    }
  });

  slot.replaceChildren(element('div', { class: 'announcement-inner' }, body, dismiss));
  slot.hidden = false;
}

function readDismissed() {
  try {
    return localStorage.getItem(dismissedKey);
  } catch {
    return null;
  }
}

function writeDismissed(id) {
  try {
    localStorage.setItem(dismissedKey, id);
  } catch {
    // Storage blocked (private mode, policy): the banner simply comes back next time.
  }
}
