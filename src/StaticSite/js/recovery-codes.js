// Shows a fresh set of recovery codes once, with copy and download (a plain text file).
import { byId, clearError, element, onSubmit, showError } from './dom.js';
import { afterSignIn } from './return-to.js';

export function renderRecoveryCodes(container, codes) {
  const list = element('ul', { class: 'recovery-codes', 'aria-label': 'Your recovery codes' },
    ...codes.map((code) => element('li', {}, element('code', {}, code))));
  const status = element('p', { class: 'status', role: 'status' });
  const copy = element('button', { type: 'button', class: 'button-secondary' }, 'Copy codes');
  const download = element('button', { type: 'button', class: 'button-secondary' }, 'Download as a text file');

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      status.textContent = 'Codes copied. Paste them somewhere safe.';
    } catch {
      status.textContent = 'Copying is not allowed here. Select the codes and copy them, or download the file.';
    }
  });

  download.addEventListener('click', () => {
    const text = [
      'Customer Portal recovery codes',
      `Created ${new Date().toLocaleString()}`,
      'Each code signs you in once if you cannot use your phone or authenticator app.',
      'Keep this file somewhere safe.',
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
    status.textContent = 'Downloaded customer-portal-recovery-codes.txt.';
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
      showError(alert, 'Please save your recovery codes, then tick "I saved these codes".', [saved]);
      saved.focus();
      return;
    }
    afterSignIn();
  });
}
