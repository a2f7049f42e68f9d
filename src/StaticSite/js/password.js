// The new-password rules the pages check before sending (the API checks them again): activation, reset, change.
import { showError } from './dom.js';

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
    showError(alert, `Your password must be 12 to 128 characters long. It has ${length}.`, [password]);
    password.focus();
    return false;
  }
  if (password.value !== confirm.value) {
    showError(alert, 'The two passwords are not the same. Type the password again.', [confirm]);
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
  return failure.code === 'password_rejected' || failure.code === 'validation_failed';
}
