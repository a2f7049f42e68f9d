// Customer-facing wording for every problem `code` the API returns, in the customer's language: the words are in the
// catalogs (i18n/*.json, keys "error.…"), this module picks the one for the code and its context. Plain words, no jargon,
// always a next step. Unknown codes fall back to the API's own title.
import { language, plural, t } from './i18n.js';

/** "45 seconds", "3 minutes", "1 hour 5 minutes". */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  if (seconds < 60) {
    return plural(seconds, 'unit.second');
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return plural(minutes, 'unit.minute');
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'unit.hour') : t('unit.hours_minutes', { hours: plural(hours, 'unit.hour'), minutes: plural(rest, 'unit.minute') });
}

function wait(error, fallback) {
  return error.retryAfterSeconds ? formatDuration(error.retryAfterSeconds) : fallback;
}

function fieldMessages(error) {
  return Object.values(error.errors || {}).flat().filter(Boolean).join(' ');
}


// The API's own per-field words are English: other languages say the catalog's general words instead (issue 27 left the
// API's field messages untranslated).
function serverWords(error) {
  return language() === 'en' ? fieldMessages(error) : '';
}

/**
 * The message for an ApiError. `context` tunes a few messages:
 * { method: 'sms' | 'totp' | 'recovery' } for code checks and set-up steps.
 */
export function messageFor(error, context = {}) {
  switch (error.code) {
    case 'invalid_code': {
      const what = context.method === 'recovery' ? t('error.invalid_code.recovery') : t('error.invalid_code');
      const check = {
        recovery: () => t('error.invalid_code.check_recovery'),
        totp: () => t('error.invalid_code.check_totp'),
      }[context.method]?.() || t('error.invalid_code.check');
      if (error.attemptsRemaining === null) {
        return `${what} ${check}`;
      }
      if (error.attemptsRemaining === 0) {
        return `${what} ${t('error.invalid_code.none_left')}`;
      }
      return `${what} ${check} ${t('error.attempts_left', { attempts: plural(error.attemptsRemaining, 'unit.attempt') })}`;
    }
    case 'code_expired':
      return context.method === 'sms' ? t('error.code_expired.sms') : t('error.code_expired');
    case 'mfa_locked':
      return t('error.mfa_locked', { wait: wait(error, t('wait.few_minutes')) });
    case 'setup_expired':
      return context.method === 'sms' ? t('error.setup_expired.sms') : t('error.setup_expired');
    case 'sms_budget_exhausted':
      return t('error.sms_budget_exhausted');
    case 'sms_send_failed':
      return t('error.sms_send_failed');
    case 'invalid_phone_number':
      return t('error.invalid_phone_number');
    case 'phone_number_not_mobile':
      return t('error.phone_number_not_mobile');
    case 'country_not_allowed':
      return t('error.country_not_allowed');
    case 'resend_too_soon':
      return t('error.resend_too_soon', { wait: wait(error, t('wait.little')) });
    case 'sms_rate_limited':
      return t('error.sms_rate_limited', { wait: wait(error, t('wait.while')) });
    case 'invalid_credentials':
      return t('error.invalid_credentials');
    case 'activation_invalid':
      return t('error.activation_invalid');
    case 'language_unsupported':
      return t('error.language_unsupported');
    case 'reset_link_invalid':
      return t('error.reset_link_invalid');
    case 'enrolment_link_invalid':
      return t('error.enrolment_link_invalid');
    case 'enrolment_required':
      return t('error.enrolment_required');
    case 'current_password_wrong':
      return t('error.current_password_wrong');
    case 'password_breached':
      return t('error.password_breached');
    case 'too_many_attempts':
      return t('error.too_many_attempts', { wait: wait(error, t('wait.few_minutes')) });
    case 'challenge_required':
      return t('error.challenge_required');
    case 'password_rejected':
      return serverWords(error) || t('error.password_rejected');
    case 'validation_failed':
      if (context.method === 'recovery') {
        return t('error.validation_failed.recovery');
      }
      return serverWords(error) || t('error.validation_failed');
    case 'passkey_rejected':
      return error.attemptsRemaining > 0
        ? `${t('error.passkey_rejected.try_again')} ${t('error.attempts_left', { attempts: plural(error.attemptsRemaining, 'unit.attempt') })}`
        : t('error.passkey_rejected');
    case 'passkey_challenge_expired':
      return t('error.passkey_challenge_expired');
    case 'passkey_limit':
      return t('error.passkey_limit');
    case 'step_up_required':
      return t('error.step_up_required');
    case 'last_method':
      return t('error.last_method');
    case 'device_not_found':
      return t('error.device_not_found');
    case 'method_not_enrolled':
      return t('error.method_not_enrolled');
    case 'wrong_stage':
      return t('error.wrong_stage');
    case 'session_required':
      return t('error.session_required');
    case 'origin_not_allowed':
      return t('error.origin_not_allowed');
    case 'email_exists':
      return t('error.email_exists');
    case 'account_not_found':
    case 'account_not_activated':
    case 'account_already_activated':
    case 'unlock_limit':
    case 'support_token_missing':
    case 'support_token_invalid':
    case 'support_token_expired':
    case 'support_role_required':
    case 'support_sign_in_unavailable':
      // Support API only (the support console words these for agents itself): the customer pages never call it.
      return t('error.support_only');
    case 'malformed_json':
    case 'payload_too_large':
    case 'unsupported_media_type':
      return t('error.unreadable_request');
    case 'not_found':
      return t('error.not_found');
    case 'network_error':
      return t('error.network_error');
    case 'storage_unavailable':
    case 'unexpected_error':
      return t('error.our_side');
    default:
      return error.problem?.title || t('error.unknown');
  }
}
