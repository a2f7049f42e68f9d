// Small DOM helpers shared by the pages.

export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`Missing element #${id}`);
  }
  return element;
}

/**
 * Shows one step of a multi-step page and moves focus into it: `focus` is the field to focus (the step's
 * first field), `true` for its heading (a step with nothing to type), `false` to leave focus alone.
 */
export function showStep(steps, step, { focus = true } = {}) {
  for (const candidate of steps) {
    candidate.hidden = candidate !== step;
  }
  if (focus instanceof HTMLElement) {
    focus.focus();
  } else if (focus) {
    focusHeading(step);
  }
}

/**
 * Puts the caret in a field that sits below instructions the customer reads first (the authenticator
 * step's code field under its QR code), keeping the top of the page in view.
 */
export function focusBelowInstructions(field) {
  field.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/**
 * After a refused code: the caret back in the field, and the field with its message (in the same `.field`) scrolled into
 * view, for a page left scrolled to instructions above (the authenticator step's QR code at 375 px).
 */
export function focusWithMessage(field) {
  field.focus({ preventScroll: true });
  (field.closest('.field') ?? field).scrollIntoView({ block: 'nearest' });
}

export function focusHeading(container) {
  const heading = container.querySelector('h1, h2');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/** Puts a message in a role="alert" element and marks the inputs it is about. */
export function showError(alert, message, inputs = []) {
  alert.textContent = message;
  alert.hidden = false;
  for (const input of inputs) {
    input.setAttribute('aria-invalid', 'true');
    const describedBy = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
    describedBy.add(alert.id);
    input.setAttribute('aria-describedby', [...describedBy].join(' '));
  }
}

export function clearError(alert, inputs = []) {
  alert.textContent = '';
  alert.hidden = true;
  for (const input of inputs) {
    input.removeAttribute('aria-invalid');
  }
}

/** A masked phone number such as "+1 ••• ••• 0130", kept on one line. */
export function phoneHint(hint) {
  return element('span', { class: 'nowrap' }, hint);
}

/** The digits of a code field, so "123 456" pasted from a text message still works. */
export function readCode(input) {
  return input.value.replace(/\D/g, '');
}

/** Clears the alert and returns the six digits typed, or shows `message`, focuses the field and returns null. */
export function readSixDigits(input, alert, message) {
  clearError(alert, [input]);
  const code = readCode(input);
  if (code.length === 6) {
    return code;
  }
  showError(alert, message, [input]);
  focusWithMessage(input);
  return null;
}

/**
 * Runs a form's async submit handler once at a time. The button keeps focus (a disabled
 * button would drop it), so it is marked aria-disabled while the request runs.
 */
export function onSubmit(form, handler) {
  let running = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running) {
      return;
    }
    running = true;
    const buttons = [...form.querySelectorAll('button[type="submit"], button:not([type])')];
    buttons.forEach((button) => button.setAttribute('aria-disabled', 'true'));
    form.setAttribute('aria-busy', 'true');
    try {
      await handler(event);
    } finally {
      running = false;
      buttons.forEach((button) => button.removeAttribute('aria-disabled'));
      form.removeAttribute('aria-busy');
    }
  });
}

/** Only http(s) links from configuration, so a typo or bad value cannot become a script URL. */
export function safeHttpUrl(value) {
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}
