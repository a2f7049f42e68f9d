// What every page has: the help footer and the announcement banner, both from config.json.
import { element, safeHttpUrl } from './dom.js';

const dismissedKey = 'portal.announcement.dismissed';
let configPromise;

/** config.json, or an empty configuration when it cannot be read (the pages still work). */
export function loadConfig() {
  configPromise ??= fetch('config.json', { credentials: 'same-origin', cache: 'no-cache' })
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return configPromise;
}

export async function initPage() {
  const config = await loadConfig();
  renderHelp(config);
  renderAnnouncement(config.announcement);
  return config;
}

function renderHelp(config) {
  const slot = document.getElementById('help-contact');
  if (!slot) {
    return;
  }
  const support = config.support || {};
  const items = [];
  if (support.phone) {
    const tel = support.phone.replace(/[^\d+]/g, '');
    items.push(element('li', {}, 'Phone: ', element('a', { href: `tel:${tel}` }, support.phone)));
  }
  if (support.email) {
    items.push(element('li', {}, 'Email: ', element('a', { href: `mailto:${support.email}` }, support.email)));
  }
  if (support.hours) {
    items.push(element('li', {}, `Opening hours: ${support.hours}`));
  }
  const chat = safeHttpUrl(config.liveChatUrl);
  if (chat) {
    items.push(element('li', {}, element('a', { href: chat, rel: 'noopener' }, 'Chat with us live')));
  }
  if (items.length > 0) {
    slot.replaceChildren(element('ul', { class: 'help-list' }, ...items));
  }
}

function renderAnnouncement(announcement) {
  const slot = document.getElementById('announcement');
  if (!slot || !announcement || !announcement.id || !announcement.text) {
    return;
  }
  if (readDismissed() === announcement.id) {
    return;
  }

  const text = element('p', { class: 'announcement-text' }, announcement.text);
  const link = safeHttpUrl(announcement.linkUrl);
  if (link && announcement.linkText) {
    text.append(' ', element('a', { href: link, rel: 'noopener' }, announcement.linkText));
  }
  const dismiss = element('button', { type: 'button', class: 'button-quiet' }, 'Dismiss');
  dismiss.setAttribute('aria-label', 'Dismiss announcement');
  dismiss.addEventListener('click', () => {
    writeDismissed(announcement.id);
    slot.hidden = true;
    slot.replaceChildren();
    document.getElementById('main')?.focus();
  });

  slot.replaceChildren(element('div', { class: 'announcement-inner' }, text, dismiss));
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
