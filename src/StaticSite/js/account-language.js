// The account page's "Language for emails and text messages" (#language-setting): the language stored on the account
// (GET/PUT /api/me/language), which the portal's emails and text messages use. It is not the page's own language (the
// switch at the top): a customer may read the pages in one and want their texts in another. No step-up: it changes words,
// not who can sign in.
import { api } from './api.js';
import { byId, clearError, onSubmit } from './dom.js';
import { showFailure } from './step-up.js';
import { languages, t } from './i18n.js';

const section = byId('language-setting');
const choice = byId('language-setting-choice');
const error = byId('language-setting-error');
const status = byId('language-setting-status');

// Each language named in its own language, as the page's switch names them.
for (const { code, name } of languages) {
  const option = document.createElement('option');
  option.value = code;
  option.lang = code;
  option.textContent = name;
  choice.append(option);
}

onSubmit(byId('language-setting-form'), async () => {
  clearError(error, [choice]);
  status.textContent = '';
  try {
    const saved = await api('me/language', { method: 'PUT', body: { language: choice.value } });
    choice.value = saved.language;
  } catch (failure) {
    showFailure(error, failure, [choice]);
    return;
  }
  status.textContent = t('account.language.saved');
  status.focus();
});

try {
  const { language } = await api('me/language');
  choice.value = language;
  section.hidden = false;
} catch {
  // Not signed in (account.js says so and sends the customer on), or storage is down: the section stays hidden.
}
