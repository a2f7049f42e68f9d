// The customer's language (issue 27): picks it, sets <html lang>, loads its catalog (i18n/{language}.json) and
// translates what the pages mark. No build step: the catalogs are fetched from the site itself, so the CSP's
// connect-src 'self' covers them. Every module that imports this one waits for the catalog (top-level await), so
// t() is ready when a page's script runs.
//
// In the HTML, English stays in place (the test holds it equal to en.json) and an element names its key:
//   <h1 data-i18n="signin.heading">Sign in</h1>           its text
//   <div data-i18n-aria-label="signin.announcement">       an attribute: data-i18n-{attribute}="key"
//   <p data-i18n="k">Press <strong data-i18n-slot="plus">+</strong>.</p>   a child kept where the text says {plus}
// Scripts use t('key', { name: value }) for text they build, setText(element, key, params) for text that should follow
// a language switch, and plural(n, 'key') for "{n} minute" / "{n} minutes" ('key.one', 'key.other', 'key.many').

/** The languages a customer can choose, each named in its own language (the switch shows them so). */
export const languages = [
  { code: 'en', name: 'English' },
  { code: 'fr-CA', name: 'Français' },
  { code: 'es-US', name: 'Español' },
];

/** The pseudo-locale: English accented and about a third longer, made here from en.json (no file to keep in step). */
export const pseudoLanguage = 'qps';

const storageKey = 'portal.language';
const placeholder = /\{(\w+)\}/g;
let current = 'en';
let catalog = {};

/** The language the page is in: 'en', 'fr-CA', 'es-US', or 'qps'. */
export function language() {
  return current;
}

/** The BCP 47 tag for dates, numbers and <html lang> ("qps-ploc" is the tag Windows and ICU use for the pseudo-locale). */
export function locale() {
  return current === pseudoLanguage ? 'qps-ploc' : current;
}

/** The text for `key`, with `{name}` replaced from `params`. A missing key shows as the key itself (the catalog test finds it first). */
export function t(key, params = {}) {
  const text = catalog[key];
  if (text === undefined) {
    return key;
  }
  return text.replace(placeholder, (match, name) => (name in params ? String(params[name]) : match));
}

/**
 * The locale for dates and numbers: the page's language, but in English the browser's own English (en-GB writes
 * "6 Dec 2026"), and English for the pseudo-locale, which Intl does not know.
 */
export function formatLocale() {
  if (current === 'en' || current === pseudoLanguage) {
    const own = (navigator.languages ?? [navigator.language]).find((code) => primary(code) === 'en');
    return own ?? 'en';
  }
  return current;
}

/** `t(key)` for a count: the key's `.one`, `.other` (or `.many`, falling back to `.other`) form by the language's plural rules, `{n}` filled in. */
export function plural(n, key, params = {}) {
  const category = new Intl.PluralRules(formatLocale()).select(n);
  const form = `${key}.${category}` in catalog ? `${key}.${category}` : `${key}.other`;
  return t(form, { ...params, n: n.toLocaleString(formatLocale()) });
}

/**
 * The text for `key` as a list of strings and nodes: a `{name}` whose param is a DOM node (a masked phone number kept on
 * one line) is put in as that node, for `element.replaceChildren(...tNodes(...))`.
 */
export function tNodes(key, params = {}) {
  const text = catalog[key] ?? key;
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(placeholder)) {
    parts.push(text.slice(last, match.index));
    const value = params[match[1]];
    parts.push(value === undefined ? match[0] : (value instanceof Node ? value : String(value)));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.filter((part) => part !== '');
}

/**
 * Words an operator writes in configuration (config.json's announcement), in the page's language: either one text per
 * language, `{ "en": "…", "fr-CA": "…", "es-US": "…" }`, falling back to English where a language is missing, or a plain
 * string (an older file), shown as it is in every language. Returns `{ text, lang }`, where `lang` names the text's
 * language when it is not the page's (for the element's `lang`, so a screen reader reads English as English), or null
 * when there is nothing to show.
 */
export function configText(value) {
  if (typeof value === 'string') {
    return value.trim() ? { text: value, lang: null } : null;
  }
  if (!value || typeof value !== 'object') {
    return null;
  }
  const usable = (code) => (Object.hasOwn(value, code) && typeof value[code] === 'string' && value[code].trim() ? value[code] : null);
  if (current === pseudoLanguage) {
    return usable('en') ? { text: pseudoText(usable('en')), lang: null } : null;
  }
  if (usable(current)) {
    return { text: usable(current), lang: null };
  }
  return usable('en') ? { text: usable('en'), lang: 'en' } : null;
}

/** Sets an element's text from the catalog and marks it, so a language switch translates it again. */
export function setText(target, key, params) {
  target.dataset.i18n = key;
  if (params) {
    target.dataset.i18nParams = JSON.stringify(params);
  } else {
    delete target.dataset.i18nParams;
  }
  target.textContent = t(key, params);
}

/** Translates every marked element under `root` (and root itself): text from data-i18n, attributes from data-i18n-{attribute}. */
export function translate(root = document) {
  const marked = [...root.querySelectorAll('*')];
  if (root instanceof Element) {
    marked.unshift(root);
  }
  for (const target of marked) {
    for (const name of target.getAttributeNames()) {
      if (name === 'data-i18n') {
        const params = target.dataset.i18nParams ? JSON.parse(target.dataset.i18nParams) : {};
        const slots = [...target.children].filter((child) => child.hasAttribute('data-i18n-slot'));
        if (slots.length > 0) {
          // The children stay the same nodes (their own keys are translated in turn), only the words around them change.
          target.replaceChildren(...tNodes(target.getAttribute(name), { ...params, ...Object.fromEntries(slots.map((slot) => [slot.dataset.i18nSlot, slot])) }));
        } else {
          target.textContent = t(target.getAttribute(name), params);
        }
      } else if (name.startsWith('data-i18n-') && name !== 'data-i18n-params' && name !== 'data-i18n-slot') {
        target.setAttribute(name.slice('data-i18n-'.length), t(target.getAttribute(name)));
      }
    }
  }
}

/** Switches the page to `code` in place (nothing typed or half-done is lost, a reset link's token included) and remembers it. */
export async function switchLanguage(code) {
  await load(code);
  try {
    localStorage.setItem(storageKey, code);
  } catch {
    // Storage blocked (private mode, policy): the choice holds for this page only.
  }
  translate(document);
  document.dispatchEvent(new CustomEvent('portal:language-changed', { detail: { language: code } }));
}

// ?lang= (a link that names the language; the pseudo-locale only on a developer's machine), then the remembered choice,
// then the browser's languages in order (fr-FR still reads fr-CA better than English; es-MX reads es-US), then English.
function pick() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === pseudoLanguage && isDeveloperMachine()) {
    return pseudoLanguage;
  }
  const chosen = match(asked) ?? match(remembered());
  if (chosen) {
    return chosen;
  }
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const found = match(wanted) ?? languages.find((candidate) => primary(candidate.code) === primary(wanted))?.code;
    if (found) {
      return found;
    }
  }
  return 'en';
}

function match(code) {
  if (!code) {
    return null;
  }
  return languages.find((candidate) => candidate.code.toLowerCase() === code.toLowerCase())?.code ?? null;
}

function primary(code) {
  return String(code).split('-')[0].toLowerCase();
}

function remembered() {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function isDeveloperMachine() {
  return ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
}

async function fetchCatalog(code) {
  const response = await fetch(`i18n/${code}.json`, { credentials: 'same-origin', cache: 'no-cache' });
  if (!response.ok) {
    throw new Error(`Catalog ${code} answered ${response.status}`);
  }
  return response.json();
}

async function load(code) {
  let loaded;
  try {
    loaded = code === pseudoLanguage ? pseudo(await fetchCatalog('en')) : await fetchCatalog(code);
  } catch {
    // The catalog could not be read: English, which the HTML already shows; if even that fails, keys show and the page still works.
    code = 'en';
    loaded = await fetchCatalog('en').catch(() => ({}));
  }
  catalog = loaded;
  current = code;
  document.documentElement.lang = locale();
  // The page's <main> waits hidden (site.css) until here: no English flashes before French, and nothing can be pressed
  // before the page's script, which runs right after this module in the same task, has its handlers in place.
  document.documentElement.removeAttribute('data-i18n-loading');
}

// Accents every letter (so untranslated English stands out) and adds about 30 % in breakable filler words, between
// brackets (so a cut-off end shows). {placeholders} are kept as they are.
const accents = {
  a: 'à', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'À', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};
const filler = ['ļöŕéɱ', 'îþšûɱ', 'ðöļöŕ', 'šîţ', 'àɱéţ', 'çöñšé', 'ţéţûŕ'];

export function pseudoText(text) {
  const accented = text.split(placeholder).map((part, index) => (index % 2 === 1 ? `{${part}}` : [...part].map((c) => accents[c] ?? c).join(''))).join('');
  const extra = [];
  for (let length = 0, i = 0; length < Math.ceil(text.length * 0.3); i++) {
    extra.push(filler[i % filler.length]);
    length += filler[i % filler.length].length + 1;
  }
  return `⟦${accented} ${extra.join(' ')}⟧`;
}

function pseudo(english) {
  return Object.fromEntries(Object.entries(english).map(([key, text]) => [key, pseudoText(text)]));
}

await load(pick());
