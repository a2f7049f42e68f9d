// The account page's "Change password" (#change-password): the current password and a new one (the activation rules).
// A wrong current password counts toward the password lock; the other sessions of the account end. A session that signed
// in on a remembered device without a code is asked to confirm it's them first ("Confirm it's you", step_up_required).
import { api } from './api.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { checkNewPassword, isAboutPassword, onShowPassword } from './password.js';
import { showFailure, withStepUp } from './step-up.js';
import { t } from './i18n.js';

export function startPassword() {
  const form = byId('change-password-form');
  const current = byId('current-password');
  const password = byId('change-new-password');
  const confirm = byId('change-confirm-password');
  const error = byId('change-password-error');
  const status = byId('change-password-status');

  onShowPassword(byId('change-show-password'), [current, password, confirm]);

  onSubmit(form, async () => {
    clearError(error, [current, password, confirm]);
    status.textContent = '';
    if (!current.value) {
      showError(error, t('account.current_missing'), [current]);
      current.focus();
      return;
    }
    if (!checkNewPassword(password, confirm, error)) {
      return;
    }

    try {
      await withStepUp(() => api('me/password', { method: 'POST', body: { currentPassword: current.value, newPassword: password.value } }));
    } catch (failure) {
      const field = failure.code === 'current_password_wrong' ? current : isAboutPassword(failure) ? password : null;
      showFailure(error, failure, field ? [field] : []);
      if (field) {
        field.focus();
        field.select();
      }
      return;
    }

    form.reset();
    for (const input of [current, password, confirm]) {
      input.type = 'password';
    }
    status.textContent = t('account.password_changed');
    status.focus();
    document.dispatchEvent(new CustomEvent('portal:sessions-changed'));
  });

  byId('change-password').hidden = false;
}
