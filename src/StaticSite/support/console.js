// The support console (issue 24): an agent signs in with the company's Entra ID (MSAL.js, vendor/msal-browser), or on a
// developer's machine with the local host's development issuer (/dev/entra), and calls /api/support/* with the access token.
// Every look-up and view gives a reason; every action is confirmed in a dialog that says what the customer will see.
import { element } from '../js/dom.js';

const tokenKey = 'support.console.token';
const byId = (id) => document.getElementById(id);
let signIn; // { token(), signOut() }
let current = null; // the account shown: { id, reason }

const words = {
  support_token_missing: 'Please sign in.',
  support_token_invalid: 'Your sign-in is not valid any more. Please sign in again.',
  support_token_expired: 'Your sign-in has expired. Please sign in again.',
  support_role_required: 'Your role does not allow this. Ask a supervisor (Support.Supervisor) to do it.',
  support_sign_in_unavailable: 'Company sign-in is not answering. Try again in a few minutes.',
  account_not_found: 'There is no such account any more. Search again.',
  account_not_activated: 'The account is not activated yet: send a new activation link instead.',
  account_already_activated: 'The account is already activated: the customer can reset a forgotten password.',
  unlock_limit: 'This account was unlocked 3 times today. Let the lock run out, or send a password-reset email.',
  validation_failed: 'Check the highlighted fields.',
  storage_unavailable: 'The portal\'s storage is not answering. Try again shortly.',
  network_error: 'The portal cannot be reached. Check your connection.',
};

const actions = [
  { path: 'unlock', event: 'support-unlocked', label: 'Unlock', role: 'Support.Supervisor', effect: 'Ends the current password and code locks now (at most 3 times a day). The customer gets an email saying support unlocked the account.' },
  { path: 'reset-mfa', event: 'support-mfa-reset', label: 'Reset sign-in methods', role: 'Support.Supervisor', effect: 'Removes every second factor, passkey and recovery code and signs the customer out everywhere. The customer gets an email with a link to set up a new method, and is asked to set one up at the next sign-in.' },
  { path: 'end-sessions', event: 'support-sessions-ended', label: 'Sign out everywhere', role: 'Support.Agent', effect: 'Ends every session and forgets every remembered device. The customer is signed out on every device; the password and methods stay.' },
  { path: 'forget-devices', event: 'support-devices-forgotten', label: 'Forget remembered devices', role: 'Support.Agent', effect: 'The customer\'s next sign-in on any device asks for a code again. Sessions, password and methods stay.' },
  { path: 'password-reset', event: 'support-password-reset-sent', label: 'Send password-reset email', role: 'Support.Agent', effect: 'The customer gets an email with a password-reset link (30 minutes). You never see the link.' },
  { path: 'activation', event: 'support-activation-sent', label: 'Send new activation link', role: 'Support.Agent', effect: 'For an account not activated yet: a new activation link (72 hours) replaces the old one. The portal does not email it: you get the link here, to email to the address on the account. Never read it out.' },
];

class SupportError extends Error {
  constructor(status, problem) {
    super(problem.title || `Request failed (${status})`);
    this.status = status;
    this.code = problem.code || (status === 0 ? 'network_error' : 'unexpected_error');
    this.errors = problem.errors || {};
  }
}

async function call(path, { method = 'GET', body } = {}) {
  const token = await signIn.token();
  const init = { method, cache: 'no-store', credentials: 'omit', headers: { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${token}` } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/api/support/${path}`, init);
  } catch {
    throw new SupportError(0, {});
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new SupportError(response.status, data ?? {});
  }
  return data;
}

// Development: the local host's issuer returns to /support/#access_token=…; the token lives in this tab only.
function developmentSignIn() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('access_token')) {
    sessionStorage.setItem(tokenKey, fragment.get('access_token'));
    history.replaceState(null, '', location.pathname);
  }
  return {
    signedIn: () => sessionStorage.getItem(tokenKey) !== null,
    start: () => location.assign('/dev/entra/dev/sign-in?returnTo=%2Fsupport%2F'),
    token: async () => sessionStorage.getItem(tokenKey) ?? '',
    signOut: () => { sessionStorage.removeItem(tokenKey); location.reload(); },
  };
}

async function entraSignIn(settings) {
  const app = new window.msal.PublicClientApplication({
    auth: { clientId: settings.clientId, authority: `https://login.microsoftonline.com/${settings.tenantId}`, redirectUri: `${location.origin}/support/` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await app.initialize();
  const redirect = await app.handleRedirectPromise();
  const account = redirect?.account ?? app.getAllAccounts()[0] ?? null;
  const scopes = [`api://${settings.apiAppId}/Support.Console`];
  return {
    signedIn: () => account !== null,
    start: () => app.loginRedirect({ scopes }),
    token: async () => {
      try {
        return (await app.acquireTokenSilent({ scopes, account })).accessToken;
      } catch {
        await app.acquireTokenRedirect({ scopes, account });
        return '';
      }
    },
    signOut: () => app.logoutRedirect({ account }),
  };
}

function claims(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

function showError(error) {
  const box = byId('console-error');
  box.textContent = words[error.code] ?? `Something went wrong (${error.code}).`;
  box.hidden = false;
  box.focus?.();
}

function clearError() {
  byId('console-error').hidden = true;
}

function when(value) {
  return value ? new Date(value).toLocaleString() : '—';
}

function table(caption, headings, rows) {
  if (rows.length === 0) {
    return element('p', {}, `No ${caption.toLowerCase()}.`);
  }
  return element('div', { class: 'console-scroll' }, element('table', { class: 'console-table' },
    element('caption', { class: 'visually-hidden' }, caption),
    element('thead', {}, element('tr', {}, ...headings.map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, ...rows.map((cells) => element('tr', {}, ...cells.map((c) => element('td', {}, c ?? '—')))))));
}

async function search(event) {
  event.preventDefault();
  clearError();
  const form = event.target;
  const by = form.by.value;
  const value = form.value.value.trim();
  const reason = form.reason.value.trim();
  setFieldError('search-value', value ? null : 'Enter a claim number or an email.');
  setFieldError('search-reason', reason ? null : 'Say why you are looking; it is kept in the audit trail.');
  if (!value || !reason) {
    (value ? form.reason : form.value).focus();
    return;
  }
  try {
    const found = await call(`accounts?${by}=${encodeURIComponent(value)}&reason=${encodeURIComponent(reason)}`);
    const list = byId('results-list');
    list.replaceChildren(...found.map((a) => element('li', {},
      element('button', { type: 'button', class: 'button-secondary', 'data-account': a.accountId },
        `${a.displayName} · ${a.email} · ${a.claimNumber}${a.passwordLockedUntil || a.mfaLockedUntil ? ' · locked' : ''}`))));
    if (found.length === 0) {
      list.replaceChildren(element('li', {}, 'No account matches.'));
    }
    byId('results').hidden = false;
    byId('results-heading').focus();
    for (const button of list.querySelectorAll('button')) {
      button.addEventListener('click', () => show(button.dataset.account, reason));
    }
  } catch (error) {
    showError(error);
  }
}

function setFieldError(id, message) {
  const input = byId(id);
  const text = byId(`${id}-error`);
  text.textContent = message ?? '';
  text.hidden = !message;
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
}

async function show(id, reason, { newest = null } = {}) {
  clearError();
  try {
    const [account, page] = await Promise.all([
      call(`accounts/${id}?reason=${encodeURIComponent(reason)}`),
      call(`accounts/${id}/events?limit=50&reason=${encodeURIComponent(reason)}`),
    ]);
    current = { id, reason, email: account.email };
    render(account, page.events, newest);
    byId('account').hidden = false;
    if (!newest) {
      byId('account-heading').focus();
    }
  } catch (error) {
    showError(error);
  }
}

function render(account, events, newest) {
  byId('account-heading').textContent = `${account.displayName} (${account.claimNumber})`;
  const state = [
    ['Email', account.email],
    ['Activated', account.activated ? 'Yes' : `No (link valid until ${when(account.activationExpiresAt)})`],
    ['Sign-in methods', account.methods.length ? account.methods.join(', ') : 'None'],
    ['SMS phone', account.phoneHint ?? 'None'],
    ['Recovery codes left', String(account.recoveryCodesRemaining)],
    ['Password lock', account.passwordLockedUntil ? `Locked until ${when(account.passwordLockedUntil)}` : 'Not locked'],
    ['Code lock', account.mfaLockedUntil ? `Locked until ${when(account.mfaLockedUntil)}` : 'Not locked'],
    ['Last sign-in', when(account.lastSignInAt)],
  ];
  byId('account-state').replaceChildren(...state.flatMap(([k, v]) => [element('dt', {}, k), element('dd', {}, v)]));
  byId('sessions').replaceChildren(table('Sessions', ['Device', 'Stage', 'Started', 'Last seen'], account.sessions.map((s) => [s.device, s.stage, when(s.createdAt), when(s.lastSeenAt)])));
  byId('devices').replaceChildren(table('Remembered devices', ['Device', 'Remembered', 'Last used'], account.devices.map((d) => [d.name, when(d.createdAt), when(d.lastUsedAt)])));
  byId('passkeys').replaceChildren(table('Passkeys', ['Name', 'Added', 'Last used'], account.passkeys.map((p) => [p.name, when(p.createdAt), when(p.lastUsedAt)])));
  const trail = table('Audit trail', ['When', 'Event', 'Agent', 'Reason', 'Detail'],
    events.map((e) => [when(e.at), e.event, e.agent ? `${e.agentName ?? ''} (${e.agent})` : null, e.reason, e.detail]));
  // After an action, its own row (the newest of its kind) is marked; the view that reloaded the page wrote a row too.
  const index = newest ? events.findIndex((e) => e.event === newest) : -1;
  if (index >= 0) {
    trail.querySelectorAll('tbody tr')[index].classList.add('console-new');
  }
  byId('trail').replaceChildren(trail);
  byId('actions').replaceChildren(...actions.map((a) => {
    const button = element('button', { type: 'button', class: 'button-secondary' }, a.label);
    button.addEventListener('click', () => confirmAction(a, button));
    return button;
  }));
}

function confirmAction(action, opener) {
  const dialog = byId('confirm');
  byId('confirm-heading').textContent = `${action.label}?`;
  byId('confirm-effect').textContent = `${action.effect}${action.role === 'Support.Supervisor' ? ' Needs the supervisor role.' : ''}`;
  const reason = byId('confirm-reason');
  reason.value = '';
  setFieldError('confirm-reason', null);
  const form = byId('confirm-form');
  const onSubmit = async (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      setFieldError('confirm-reason', 'Give a reason; it is kept in the audit trail with your name.');
      reason.focus();
      return;
    }
    close();
    await act(action, text);
  };
  const close = () => {
    form.removeEventListener('submit', onSubmit);
    dialog.close();
    opener.focus();
  };
  form.addEventListener('submit', onSubmit);
  byId('confirm-cancel').onclick = close;
  dialog.addEventListener('cancel', () => form.removeEventListener('submit', onSubmit), { once: true });
  dialog.showModal();
  reason.focus();
}

async function act(action, reason) {
  clearError();
  const result = byId('action-result');
  try {
    const answer = await call(`accounts/${current.id}/${action.path}`, { method: 'POST', body: { reason } });
    result.textContent = `Done: ${action.label}. The newest row of the audit trail is highlighted.`;
    if (answer?.activationUrl) {
      // The only link support ever sees: the customer's way in, for the agent to email (never to read out).
      result.textContent = `Done: ${action.label}. Email this link to ${current.email} from the support mailbox (valid until ${when(answer.expiresAt)}; never read it out): ${answer.activationUrl}`;
    }
    result.hidden = false;
    await show(current.id, current.reason, { newest: action.event });
    result.focus();
  } catch (error) {
    result.hidden = true;
    showError(error);
  }
}

async function start() {
  let settings = {};
  try {
    settings = (await (await fetch('../config.json', { cache: 'no-cache' })).json()).supportConsole ?? {};
  } catch {
    settings = {};
  }
  signIn = settings.clientId ? await entraSignIn(settings) : developmentSignIn();
  byId('sign-in-button').addEventListener('click', () => signIn.start());
  if (!signIn.signedIn()) {
    byId('sign-in').hidden = false;
    return;
  }
  const token = claims(await signIn.token());
  byId('agent-name').textContent = token.name ?? token.preferred_username ?? 'agent';
  const roles = token.roles ?? [];
  byId('agent-role').textContent = roles.includes('Support.Supervisor') ? 'supervisor' : roles.includes('Support.Agent') ? 'agent' : 'no support role';
  byId('sign-out-button').addEventListener('click', () => signIn.signOut());
  byId('search-form').addEventListener('submit', search);
  byId('signed-in').hidden = false;
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
