// Customer-facing wording for every problem `code` the API returns. Plain words, no jargon,
// always a next step. Unknown codes fall back to the API's own title.

/** "45 seconds", "3 minutes", "1 hour 5 minutes". */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  if (seconds < 60) {
    return plural(seconds, 'second');
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return plural(minutes, 'minute');
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function wait(error, fallback) {
  return error.retryAfterSeconds ? formatDuration(error.retryAfterSeconds) : fallback;
}

function fieldMessages(error) {
  return Object.values(error.errors || {}).flat().filter(Boolean).join(' ');
}

/**
 * The message for an ApiError. `context` tunes a few messages:
 * { method: 'sms' | 'totp' | 'recovery' } for code checks and set-up steps.
 */
export function messageFor(error, context = {}) {
  switch (error.code) {
    case 'invalid_code': {
      const what = context.method === 'recovery' ? 'That recovery code did not work.' : 'That code is not right.';
      const check = {
        recovery: 'Check it and try again. Each recovery code works only once.',
        totp: 'Codes change every 30 seconds: wait for a new one and enter it.',
      }[context.method] || 'Check the code and try again.';
      if (error.attemptsRemaining === null) {
        return `${what} ${check}`;
      }
      if (error.attemptsRemaining === 0) {
        return `${what} You have no attempts left for now.`;
      }
      return `${what} ${check} You have ${plural(error.attemptsRemaining, 'attempt')} left.`;
    }
    case 'code_expired':
      return context.method === 'sms'
        ? 'That code has expired or was already used. Press "Send a new code" to get a new one.'
        : 'That code has expired or was already used. Enter the code your app shows now.';
    case 'mfa_locked':
      return `Too many wrong codes. For your security, codes are blocked for now. Please try again in ${wait(error, 'a few minutes')}.`;
    case 'setup_expired':
      if (context.method === 'sms') {
        return 'This code no longer works: the phone set-up was finished, cancelled or did not go through. Enter your phone number again to get a new code.';
      }
      return 'The set-up took too long, so we made a new key. Remove the old entry from your app, then scan the new QR code or copy the new key.';
    case 'sms_budget_exhausted':
      return 'Text messages are paused for today. Please use an authenticator app instead, or contact support with your claim number.';
    case 'sms_send_failed':
      return 'We could not send the text message just now. Please try again in a few minutes, or use an authenticator app instead.';
    case 'invalid_phone_number':
      return 'That phone number does not look right. Check the country, and enter the number with its area code.';
    case 'phone_number_not_mobile':
      return 'That number does not seem to be a mobile phone, so it cannot receive text messages. Enter a mobile number, or use an authenticator app instead.';
    case 'country_not_allowed':
      return 'We cannot send text messages to phone numbers in that country. Please use an authenticator app instead.';
    case 'resend_too_soon':
      return `A code was sent a moment ago. Please wait ${wait(error, 'a little')} before asking for a new one.`;
    case 'sms_rate_limited':
      return `Too many text messages were sent. Please try again in ${wait(error, 'a while')}, or use an authenticator app instead.`;
    case 'invalid_credentials':
      return 'The email address or password is not right. Check them and try again. After several wrong tries, you will need to wait a little before trying again.';
    case 'activation_invalid':
      return 'This activation link is not valid any more. It may have been used already or expired. Please contact support for a new link.';
    case 'reset_link_invalid':
      return 'This password reset link is not valid any more. Links work once, for 30 minutes, and only the newest one works. Ask for a new link with "Forgot your password?".';
    case 'enrolment_link_invalid':
      return "This link to set up a new way to confirm it's you is not valid any more. It works for 72 hours, until a new way is set up with it. Please contact support with your claim number for a new one.";
    case 'enrolment_required':
      return "Our support team reset your sign-in codes. To set up a new way to confirm it's you, open the link in the email we sent you, in this browser.";
    case 'current_password_wrong':
      return 'Your current password is not right. Check it and try again. After several wrong tries, you will need to wait a little before trying again.';
    case 'password_breached':
      return 'This password appears in lists of passwords stolen from other websites, which attackers try first. Please choose a different one that you have not used anywhere else.';
    case 'too_many_attempts':
      return `There have been too many failed sign-ins from your network, so signing in from here is paused for your security. Please try again in ${wait(error, 'a few minutes')}, or contact support with your claim number.`;
    case 'challenge_required':
      return 'Your browser could not finish the short security check. Please try again.';
    case 'password_rejected':
      return fieldMessages(error) || 'Please choose a different password: this one is too easy to guess.';
    case 'validation_failed':
      if (context.method === 'recovery') {
        return 'That does not look like a recovery code. Type the code as shown, with or without the dash.';
      }
      return fieldMessages(error) || 'Some of the details are not right. Please check them and try again.';
    case 'passkey_rejected':
      return error.attemptsRemaining > 0
        ? `That passkey did not work. Try again with the passkey you set up for this portal. You have ${plural(error.attemptsRemaining, 'attempt')} left.`
        : "That passkey did not work. Try again with the passkey you set up for this portal, or use another way to confirm it's you.";
    case 'passkey_challenge_expired':
      return 'The passkey request took too long or was already used. Please try again.';
    case 'passkey_limit':
      return 'You have as many passkeys as you can add. Remove one you no longer use, then add the new one.';
    case 'step_up_required':
      return "For your security, please confirm it's you: enter a code from your phone, your authenticator app or a recovery code.";
    case 'last_method':
      return "This is your only way to confirm it's you, so it cannot be removed. Add another way first, then remove this one.";
    case 'device_not_found':
      return 'That device is not remembered any more. It may have been forgotten already.';
    case 'method_not_enrolled':
      return "That way to confirm it's you is not set up on your account. Choose one of the ways you set up.";
    case 'wrong_stage':
      return 'This step is not available now. Please go back to sign in and follow the steps in order.';
    case 'session_required':
      return 'Your session has expired. Please sign in again.';
    case 'origin_not_allowed':
      return 'This request did not come from the portal page. Open the portal again and retry.';
    case 'email_exists':
      return 'An account with this email address already exists. Sign in with it, or contact support with your claim number.';
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
      return 'Something went wrong on our side. Please contact support with your claim number.';
    case 'malformed_json':
    case 'payload_too_large':
    case 'unsupported_media_type':
      return 'The page sent something the portal could not read. Please reload the page and try again.';
    case 'not_found':
      return 'That page or action does not exist. Please go back to the sign-in page.';
    case 'network_error':
      return 'We could not reach the portal. Check your internet connection and try again.';
    case 'storage_unavailable':
    case 'unexpected_error':
      return 'Something went wrong on our side. Please try again in a few minutes.';
    default:
      return error.problem?.title || 'Something went wrong. Please try again in a few minutes.';
  }
}
