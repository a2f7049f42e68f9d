// Passkeys (WebAuthn) in the browser: feature detection, and the two ceremonies with the server's JSON options.
// Chromium parses the JSON itself (PublicKeyCredential.parseCreationOptionsFromJSON, toJSON); elsewhere the
// Base64url fields are converted here.
import { api } from './api.js';
import { t } from './i18n.js';

/** Whether this browser can use passkeys at all; pages hide every passkey choice when it cannot. */
export function passkeysSupported() {
  return typeof window.PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function';
}

/** Base64url text to bytes. */
export function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
}

/** Bytes to Base64url text. */
export function toBase64Url(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The options without null members, which the browser's JSON parsers refuse. */
function withoutNulls(value) {
  if (Array.isArray(value)) {
    return value.map(withoutNulls);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

function creationOptions(json) {
  const options = withoutNulls(json);
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseCreationOptionsFromJSON(options);
  }
  return {
    ...options,
    challenge: fromBase64Url(options.challenge),
    user: { ...options.user, id: fromBase64Url(options.user.id) },
    excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

function requestOptions(json) {
  const options = withoutNulls(json);
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseRequestOptionsFromJSON(options);
  }
  return {
    ...options,
    challenge: fromBase64Url(options.challenge),
    allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

/** The credential as WebAuthn Level 3 toJSON() gives it. */
function credentialJson(credential) {
  if (typeof credential.toJSON === 'function') {
    return credential.toJSON();
  }
  const response = credential.response;
  const json = {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults?.() || {},
    response: { clientDataJSON: toBase64Url(response.clientDataJSON) },
  };
  if (response.attestationObject) {
    json.response.attestationObject = toBase64Url(response.attestationObject);
    json.response.transports = response.getTransports?.() || [];
  } else {
    json.response.authenticatorData = toBase64Url(response.authenticatorData);
    json.response.signature = toBase64Url(response.signature);
    json.response.userHandle = response.userHandle ? toBase64Url(response.userHandle) : undefined;
  }
  return json;
}

/** Creates a passkey on this device and registers it; the server's answer ({id, name} and, as a setup step, {next}). */
export async function addPasskey(name) {
  const options = await api('passkeys/register/options', { method: 'POST' });
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  return api('passkeys/register', { method: 'POST', body: name ? { credential: credentialJson(credential), name } : { credential: credentialJson(credential) } });
}

/** Asks the device for a passkey answer to the options the server gives at `optionsPath`. */
export async function passkeyAnswer(optionsPath, body) {
  const options = await api(optionsPath, { method: 'POST', body });
  const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
  return credentialJson(credential);
}

/** Whether a failure is the browser's own (cancelled, timed out, no passkey here), not the server's. */
export function isBrowserRefusal(failure) {
  return failure instanceof DOMException;
}

/** The words for a browser refusal. */
export function browserRefusalMessage() {
  return t('passkey.refused');
}
