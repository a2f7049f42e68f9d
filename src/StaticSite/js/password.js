// The new-password fields and the rules the pages check before sending (the API checks them again): activation, reset, change.
import { element, showError } from './dom.js';
import { t } from './i18n.js';

// When this module is first imported, before the page's own script runs, so the page finds its fields in place.
renderPasswordBlocks();

/**
 * Each `<div data-new-password>` becomes the new password with its rules, the same typed again, and "Show password".
 * `data-prefix` starts the fields' ids (the account page's "change-"); `data-name`, `data-confirm` and `data-show` name
 * the password field, and `data-confirm` and `data-show` are catalog keys for the second field's and the checkbox's words
 * where the page says more than the defaults. Every text is marked (data-i18n), so a language switch translates it too.
 */
function renderPasswordBlocks() {
  for (const slot of document.querySelectorAll('[data-new-password]')) {
    const prefix = slot.dataset.prefix || '';
    const rules = `${prefix}password-rules`;
    const confirmKey = slot.dataset.confirm || 'password.again';
    const showKey = slot.dataset.show || 'password.show';
    slot.replaceWith(
      element('div', { class: 'field' },
        element('label', { for: `${prefix}new-password`, 'data-i18n': 'password.new' }, t('password.new')),
        element('input', {
          id: `${prefix}new-password`, name: slot.dataset.name || 'password', type: 'password', autocomplete: 'new-password',
          minlength: 12, maxlength: 128, 'aria-describedby': rules, required: true,
        }),
        element('div', { id: rules, class: 'hint' },
          element('p', { 'data-i18n': 'password.rules' }, t('password.rules')),
          element('ul', {},
            element('li', { 'data-i18n': 'password.rule_length' }, t('password.rule_length')),
            element('li', { 'data-i18n': 'password.rule_guess' }, t('password.rule_guess'))),
          element('p', { 'data-i18n': 'password.tip' }, t('password.tip')))),
      element('div', { class: 'field' },
        element('label', { for: `${prefix}confirm-password`, 'data-i18n': confirmKey }, t(confirmKey)),
        element('input', {
          id: `${prefix}confirm-password`, name: 'confirmPassword', type: 'password', autocomplete: 'new-password', maxlength: 128, required: true,
        })),
      element('div', { class: 'field field-inline' },
        element('input', { id: `${prefix}show-password`, type: 'checkbox' }),
        element('label', { for: `${prefix}show-password`, 'data-i18n': showKey }, t(showKey))));
  }
}

// Counted as a person sees characters ("é" and an emoji are one each), as the API counts them.
export function countCharacters(text) {
  const normalized = text.normalize('NFKC');
  if (typeof Intl.Segmenter === 'function') {
    return [...new Intl.Segmenter().segment(normalized)].length;
  }
  return [...normalized].length;
}

/** Checks length and that both fields match; shows the error, focuses the field and returns false when not. */
export function checkNewPassword(password, confirm, alert) {
  const length = countCharacters(password.value);
  if (length < 12 || length > 128) {
    showError(alert, t('password.length', { length }), [password]);
    password.focus();
    return false;
  }
  if (password.value !== confirm.value) {
    showError(alert, t('password.different'), [confirm]);
    confirm.focus();
    return false;
  }
  return true;
}

/** "Show password" shows or hides every field in `inputs`. */
export function onShowPassword(checkbox, inputs) {
  checkbox.addEventListener('change', () => {
    for (const input of inputs) {
      input.type = checkbox.checked ? 'text' : 'password';
    }
  });
}

/** True when the API refused the password itself (policy or field validation), so the new-password field is at fault. */
export function isAboutPassword(failure) {
  return ['password_rejected', 'password_breached', 'validation_failed'].includes(failure.code);
}

/** Shows the API's refusal in `alert`; when it is about the new password, marks that field and selects its text to retype. */
export function showPasswordRefusal(alert, message, failure, password) {
  const aboutPassword = isAboutPassword(failure);
  showError(alert, message, aboutPassword ? [password] : []);
  if (aboutPassword) {
    password.focus();
    password.select();
  }
}
