// What every page has, written once here: the skip link, the header and the help footer (its support contact from
// GET /api/support-contact, the same settings the emails end with), and the announcement banner (config.json). A page's HTML holds only its own <main> (and, on the sign-in and account
// pages, the banner's slot after it); no build step puts the shared parts in. The header holds the language switch.
import { element, safeHttpUrl } from './dom.js';
import { configText, language, languages, switchLanguage, t, translate } from './i18n.js';

const dismissedKey = 'portal.announcement.dismissed';
let configPromise;
let contactPromise;

// When this module is first imported, before the page's own script runs, so every page finds its frame in place.
renderFrame();

function renderFrame() {
  if (document.querySelector('.site-header')) {
    return;
  }
  document.body.prepend(
    element('a', { class: 'skip-link', href: '#main', 'data-i18n': 'frame.skip_link' }),
    element('header', { class: 'site-header' },
      element('div', { class: 'container header-inner' },
        element('p', { class: 'brand', 'data-i18n': 'frame.brand' }),
        element('div', { id: 'language-switch', class: 'language-switch', role: 'group', 'data-i18n-aria-label': 'frame.language' }))));
  document.body.append(
    element('footer', { class: 'site-footer', 'aria-labelledby': 'help-heading' },
      element('div', { class: 'container' },
        element('h2', { id: 'help-heading', 'data-i18n': 'frame.help_heading' }),
        element('p', { 'data-i18n': 'frame.help_text' }),
        element('div', { id: 'help-contact' }),
        element('p', {}, element('a', { class: 'standalone-link', href: 'what-is-mfa.html', 'data-i18n': 'frame.what_is_mfa' })))));
  renderLanguageSwitch();
  translate(document);
}

// The other languages, each named in its own language and marked with it (so a screen reader says "Français" in French).
// The page is translated in place: nothing typed or half-done is lost, a reset link's token included.
function renderLanguageSwitch() {
  const group = document.getElementById('language-switch');
  const buttons = languages.filter((candidate) => candidate.code !== language()).map((candidate) => {
    const button = element('button', { type: 'button', class: 'button-quiet language-button', lang: candidate.code }, candidate.name);
    button.addEventListener('click', async () => {
      await switchLanguage(candidate.code);
      renderLanguageSwitch();
      group.querySelector('button')?.focus();
      // The support contact and the announcement are built with words of the catalog's.
      initPage();
    });
    return button;
  });
  group.replaceChildren(...buttons);
}

/**
 * How to reach support (GET /api/support-contact: {phone, email, hours: {en, fr-CA, es-US}, liveChatUrl}), read once per
 * page; an empty contact when it cannot be read (the pages still work, the footer only shows its words).
 */
export function loadSupportContact() {
  contactPromise ??= fetch('/api/support-contact', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return contactPromise;
}

/** config.json, or an empty configuration when it cannot be read (the pages still work). */
export function loadConfig() {
  configPromise ??= fetch('config.json', { credentials: 'same-origin', cache: 'no-cache' })
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return configPromise;
}

export async function initPage() {
  const [config, contact] = await Promise.all([loadConfig(), loadSupportContact()]);
  const slot = document.getElementById('help-contact');
  if (slot) {
    renderSupportContact(slot, contact);
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
    text, element('span', { class: 'new-tab' }, ` ${t('frame.new_tab')}`));
}

/** The support phone, email, hours (in the page's language) and live chat of `support` (loadSupportContact), as a list in `slot`; nothing when none is configured. */
export function renderSupportContact(slot, support, { email = true } = {}) {
  const items = [];
  if (support.phone) {
    const tel = support.phone.replace(/[^\d+]/g, '');
    items.push(element('li', {}, t('frame.phone'), ' ', element('a', { href: `tel:${tel}`, class: 'standalone-link' }, support.phone)));
  }
  if (email && support.email) {
    items.push(element('li', {}, t('frame.email'), ' ', element('a', { href: `mailto:${support.email}`, class: 'standalone-link' }, support.email)));
  }
  const hours = support.hours ? support.hours[language()] || support.hours.en : null;
  if (hours) {
    items.push(element('li', {}, t('frame.hours', { hours })));
  }
  const chat = safeHttpUrl(support.liveChatUrl);
  if (chat) {
    items.push(element('li', {}, externalLink(chat, t('frame.live_chat'))));
  }
  if (items.length > 0) {
    slot.replaceChildren(element('ul', { class: 'help-list' }, ...items));
  }
}

// The banner's slot sits after <main> and only on the sign-in and account pages, so it never stands
// between the customer and the task, in reading order, in tab order, or on a small screen.
// Its text and link text are given per language (js/i18n.js configText), or as one plain string by an older config.json.
function renderAnnouncement(announcement) {
  const slot = document.getElementById('announcement');
  const text = configText(announcement?.text);
  if (!slot || !announcement || !announcement.id || !text) {
    return;
  }
  if (readDismissed() === announcement.id) {
    return;
  }

  const body = element('div', { class: 'announcement-body' }, element('p', { class: 'announcement-text', lang: text.lang }, text.text));
  const link = safeHttpUrl(announcement.linkUrl);
  const linkText = configText(announcement.linkText);
  if (link && linkText) {
    // Only the operator's words take their own lang: "(opens in a new tab)" is the page's.
    const words = linkText.lang ? element('span', { lang: linkText.lang }, linkText.text) : linkText.text;
    body.append(element('p', { class: 'announcement-link' }, externalLink(link, words)));
  }
  const dismiss = element('button', { type: 'button', class: 'button-quiet' }, t('frame.dismiss'));
  dismiss.setAttribute('aria-label', t('frame.dismiss_announcement'));
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
