// The account page's "Your data" (#your-data, issue 28): "Download my data" (GET /api/me/data, a JSON file) and "Delete my
// account" (DELETE /api/me with the typed word DELETE). Both need a second factor within 5 minutes ("Confirm it's you",
// step_up_required); after a deletion the browser is signed out and the sign-in page says the account was deleted.
import { api } from './api.js';
import { byId, clearError, onSubmit, showError } from './dom.js';
import { showFailure, withStepUp } from './step-up.js';
import { t } from './i18n.js';

/** What the customer types to confirm the deletion (DELETE /api/me checks the same word). */
export const deleteWord = 'DELETE';

export function startData() {
  const download = byId('data-download-form');
  const downloadError = byId('data-download-error');
  const downloadStatus = byId('data-download-status');
  onSubmit(download, async () => {
    clearError(downloadError, []);
    downloadStatus.textContent = '';
    let data;
    try {
      data = await withStepUp(() => api('me/data'));
    } catch (failure) {
      showFailure(downloadError, failure);
      return;
    }

    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'customer-portal-data.json';
    link.id = 'data-download-link';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    downloadStatus.textContent = t('account.data_downloaded', { file: 'customer-portal-data.json' });
  });

  const remove = byId('delete-account-form');
  const confirm = byId('delete-account-confirm');
  const removeError = byId('delete-account-error');
  onSubmit(remove, async () => {
    clearError(removeError, [confirm]);
    if (confirm.value.trim() !== deleteWord) {
      showError(removeError, t('account.delete_missing', { word: deleteWord }), [confirm]);
      confirm.focus();
      return;
    }

    try {
      await withStepUp(() => api('me', { method: 'DELETE', body: { confirmation: deleteWord } }));
    } catch (failure) {
      showFailure(removeError, failure, failure.code === 'validation_failed' ? [confirm] : []);
      return;
    }

    location.assign('index.html?reason=account-deleted');
  });

  byId('your-data').hidden = false;
}
