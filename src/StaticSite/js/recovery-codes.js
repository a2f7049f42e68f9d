// Shows a fresh set of recovery codes once, with copy and download (a plain text file).
import { byId, clearError, element, onSubmit, showError } from './dom.js';
import { formatLocale, t } from './i18n.js';
import { afterSignIn } from './return-to.js';

export function renderRecoveryCodes(container, codes) {
  const list = element('ul', { class: 'recovery-codes', 'aria-label': t('codes.list') },
    ...codes.map((code) => element('li', {}, element('code', {}, code))));
  const status = element('p', { class: 'status', role: 'status' });
  const copy = element('button', { type: 'button', class: 'button-secondary' }, t('codes.copy'));
  const download = element('button', { type: 'button', class: 'button-secondary' }, t('codes.download'));

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      status.textContent = t('codes.copied');
    } catch {
      status.textContent = t('codes.copy_refused');
    }
  });

  download.addEventListener('click', () => {
    const text = [
      t('codes.file_title'),
      t('codes.file_created', { date: new Date().toLocaleString(formatLocale()) }),
      t('codes.file_each'),
      t('codes.file_keep'),
      '',
      ...codes,
      '',
    ].join('\r\n');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = element('a', { href: url, download: 'customer-portal-recovery-codes.txt', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = t('codes.downloaded', { file: 'customer-portal-recovery-codes.txt' });
  });

  container.replaceChildren(list, element('div', { class: 'actions' }, copy, download), status);
}

// The "I saved these codes" form: going on to the account page needs the box ticked.
export function onCodesSaved(formId, checkboxId, alertId) {
  const saved = byId(checkboxId);
  const alert = byId(alertId);
  onSubmit(byId(formId), async () => {
    clearError(alert, [saved]);
    if (!saved.checked) {
      showError(alert, t('codes.not_saved'), [saved]);
      saved.focus();
      return;
    }
    afterSignIn();
  });
}
