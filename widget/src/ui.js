//! The widget's DOM: launcher, chat window and lead form, built inside the shadow root.
//! Replies, operator messages, bot names and server details are untrusted, so every piece of text goes
//! in as a Text node (append / textContent); nothing is ever parsed as HTML.
import { CSS } from './styles.js';

export const MAX_MESSAGE = 2000;
const LEAD_FIELDS = [
  ['name', 'text', 'name', 100],
  ['email', 'email', 'email', 200],
  ['phone', 'tel', 'tel', 30],
];
const SENDERS = ['user', 'bot', 'operator', 'system'];
const ICONS = {
  chat: 'M7.9 20A9 9 0 1 0 4 16.1L2 22Z',
  close: 'M18 6 6 18M6 6l12 12',
  send: 'M22 2 11 13M22 2l-7 20-4-9-9-4Z',
  user: 'M19 21v-2a4 4 0 0 0-4-4H9a4 4 0 0 0-4 4v2M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8',
};

// h('div', {class: 'x', onclick: f, hidden: true}, child, 'text'): strings become Text nodes.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const k in props) {
    const v = props[k];
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v !== false && v != null) el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.filter((c) => c || c === 0));
  return el;
}

function icon(name) {
  const svg = (tag, attrs) => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const k in attrs) el.setAttribute(k, attrs[k]);
    return el;
  };
  const el = svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false', class: 'i-' + name });
  el.append(svg('path', { d: ICONS[name] }));
  return el;
}

// The text color (white or slate) with the higher WCAG contrast on the bot's color.
export function textOn(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0586 ? '#fff' : '#0f172a';
}

// -> {field: textKey} for what the visitor must fix; the API wants a name and an email or a phone.
export function validateLead({ name, email, phone }) {
  const errors = {};
  if (!name) errors.name = 'nameRequired';
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'emailInvalid';
  if (phone && !/^\+?[\d\s().-]{7,20}$/.test(phone)) errors.phone = 'phoneInvalid';
  if (!email && !phone) errors.email = 'contactRequired';
  return errors;
}

/** The bot's privacy notice address, if it is an https URL (anything else is not linked). */
export function privacyLink(url) {
  try {
    const parsed = new URL(String(url || ''));
    return parsed.protocol == 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// A 429's detail is the server's own message in the bot's language; anything else gets our generic text.
export const errorText = (t, err) => (err && err.status == 429 && err.detail) || t.error;

// on: {toggle, close, send(text), lead(data) -> Promise}
export function createUI(root, t, on) {
  let leadDone = false;
  const launcher = h(
    'button',
    { class: 'l', type: 'button', 'aria-label': t.open, 'aria-expanded': 'false', 'aria-controls': 'svt-w', onclick: on.toggle },
    icon('chat'),
    icon('close'),
  );
  const title = h('h2', { id: 'svt-t' }, t.chat);
  const iconButton = (label, name, onclick) =>
    h('button', { class: 'ib', type: 'button', 'aria-label': label, title: label, onclick }, icon(name));

  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.messages });
  const typing = h('div', { class: 't', role: 'status', hidden: true }, h('span'), h('span'), h('span'), h('span', { class: 'sr' }, t.typing));
  const scroll = h('div', { class: 's' }, log, typing);
  const input = h('textarea', { rows: 1, maxlength: MAX_MESSAGE, placeholder: t.placeholder, 'aria-label': t.placeholder });
  const sendButton = h('button', { class: 'sb', type: 'submit', 'aria-label': t.send, title: t.send, disabled: true }, icon('send'));
  const submitMessage = () => {
    const text = input.value.trim();
    if (!text || sendButton.disabled) return;
    on.send(text.slice(0, MAX_MESSAGE));
    input.value = '';
    grow();
  };
  const composer = h(
    'form',
    { class: 'c', onsubmit: (e) => (e.preventDefault(), submitMessage()) },
    input,
    sendButton,
  );
  // The textarea grows with its text up to max-height (CSS), then scrolls.
  const grow = () => {
    input.style.height = '';
    input.style.height = Math.max(input.scrollHeight + 2, 40) + 'px';
  };
  input.addEventListener('input', grow);
  input.addEventListener('keydown', (e) => {
    // Enter sends, Shift+Enter breaks the line; an IME composition's Enter only commits the composition.
    if (e.key == 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submitMessage();
    }
  });
  const chat = h('div', { class: 'chat' }, scroll, composer);

  const fields = {};
  let fieldErrors = {};
  const formError = h('p', { class: 'fe', role: 'alert' });
  // What the business does with the details (KVKK), with its privacy notice when the bot names one.
  const consentLine = h('p', { class: 'cn' }, t.consent);
  const leadButton = h('button', { class: 'btn', type: 'submit' }, t.send);
  const backButton = () => h('button', { class: 'btn2', type: 'button', onclick: () => view('chat') }, t.back);
  const leadForm = h(
    'form',
    { class: 'lf', novalidate: true, hidden: true, onsubmit: submitLead },
    h('h3', {}, t.leadTitle),
    ...LEAD_FIELDS.map(([name, type, autocomplete, maxlength]) => {
      const error = h('span', { class: 'fe', id: 'svt-e-' + name });
      fields[name] = { input: h('input', { name, type, autocomplete, maxlength, 'aria-describedby': error.id }), error };
      // The error sits outside the label so it is announced once, as the description, not in the name.
      return h('div', { class: 'fld' }, h('label', {}, t[name], fields[name].input), error);
    }),
    formError,
    consentLine,
    h('div', { class: 'row' }, leadButton, backButton()),
  );
  // Editing a field clears its complaint (either contact field answers "email or phone"); the full check
  // runs again on submit.
  leadForm.addEventListener('input', ({ target: { name } }) => {
    const errors = { ...fieldErrors, [name]: null };
    if (name == 'phone' && errors.email == 'contactRequired') errors.email = null;
    showFieldErrors(errors);
  });
  const thanksBack = backButton();
  const thanks = h('div', { class: 'lf', role: 'status', hidden: true }, h('p', { class: 'ok' }, t.thanks), h('div', { class: 'row' }, thanksBack));

  const win = h(
    'div',
    { class: 'w', id: 'svt-w', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'svt-t' },
    h('div', { class: 'h' }, title, iconButton(t.leadTitle, 'user', () => view(leadDone ? 'thanks' : 'lead')), iconButton(t.close, 'close', on.close)),
    chat,
    leadForm,
    thanks,
  );
  const wrap = h('div', { class: 'r' }, launcher, win);
  // A constructed stylesheet is not subject to the host page's CSP (style-src without 'unsafe-inline');
  // browsers without adoptedStyleSheets get a <style> element.
  if (root.adoptedStyleSheets && CSSStyleSheet.prototype.replaceSync) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else wrap.prepend(h('style', {}, CSS));
  wrap.addEventListener('keydown', (e) => e.key == 'Escape' && on.close());
  root.append(wrap);

  function showFieldErrors(errors) {
    fieldErrors = errors;
    for (const name in fields) {
      const key = errors[name];
      fields[name].input.setAttribute('aria-invalid', key ? 'true' : 'false');
      fields[name].error.textContent = key ? t[key] : '';
    }
  }

  async function submitLead(e) {
    e.preventDefault();
    const data = {};
    for (const name in fields) data[name] = fields[name].input.value.trim();
    const errors = validateLead(data);
    showFieldErrors(errors);
    formError.textContent = '';
    const invalid = Object.keys(errors)[0];
    if (invalid) return fields[invalid].input.focus();
    leadButton.disabled = true;
    try {
      await on.lead(data);
      leadDone = true;
      for (const offer of log.querySelectorAll('.offer')) offer.remove();
      view('thanks');
    } catch (err) {
      // A 422 names the fields the server refused; show them inline in the visitor's language.
      const server = {};
      for (const { field, code } of err.errors || [])
        if (fields[field]) server[field] = field == 'name' ? 'nameRequired' : code == 'required' ? 'contactRequired' : field + 'Invalid';
      showFieldErrors(server);
      if (!Object.keys(server).length) formError.textContent = errorText(t, err);
    } finally {
      leadButton.disabled = false;
    }
  }

  let shown = 'chat';
  function view(name) {
    shown = name;
    chat.hidden = name != 'chat';
    leadForm.hidden = name != 'lead';
    thanks.hidden = name != 'thanks';
    (name == 'chat' ? input : name == 'lead' ? fields.name.input : thanksBack).focus();
  }

  // The answers a bot message offers to tap: sent as the visitor's message; gone once one is chosen.
  function choiceButtons(choices) {
    if (!Array.isArray(choices) || !choices.length) return null;
    const row = h('div', { class: 'chs' });
    for (const choice of choices.slice(0, 10)) {
      const text = String(choice).slice(0, 100);
      row.append(h('button', { class: 'ch', type: 'button', onclick: () => on.send(text) !== false && row.remove() }, text));
    }
    return row;
  }

  const scrollDown = () => (scroll.scrollTop = scroll.scrollHeight);
  const add = (row) => (log.append(row), scrollDown(), row);

  return {
    t,
    input,
    remove: () => wrap.remove(),
    setBot(bot) {
      title.textContent = bot.name || t.chat;
      const color = /^#[0-9a-f]{6}$/i.test(bot.primary_color) ? bot.primary_color : '#0EA5E9';
      wrap.style.setProperty('--c', color);
      wrap.style.setProperty('--f', textOn(color));
      wrap.classList.toggle('left', bot.widget_position == 'left');
      const notice = privacyLink(bot.privacy_url);
      consentLine.replaceChildren(t.consent, ...(notice ? [' ', h('a', { href: notice, target: '_blank', rel: 'noopener noreferrer' }, t.privacyNotice)] : []));
    },
    setOpen(open) {
      const hadFocus = root.activeElement;
      wrap.classList.toggle('open', open);
      launcher.setAttribute('aria-expanded', open);
      launcher.setAttribute('aria-label', open ? t.close : t.open);
      if (open) view(shown);
      // Only pull focus back when it was inside the widget (not when the host page called close()).
      else if (hadFocus) launcher.focus();
    },
    canSend: (yes) => (sendButton.disabled = !yes),
    typing(on) {
      typing.hidden = !on;
      scrollDown();
    },
    clear: () => (log.textContent = ''),
    add,
    // -> the row, so a pending message can later be marked sent or failed.
    message(m, pending) {
      const sender = SENDERS.includes(m.sender) ? m.sender : 'bot';
      return add(
        h(
          'div',
          { class: 'm ' + sender + (pending ? ' p' : '') },
          sender == 'operator' && h('span', { class: 'lb' }, t.operator),
          h('div', { class: 'b' }, String(m.content == null ? '' : m.content)),
          sender == 'bot' && choiceButtons(m.choices),
        ),
      );
    },
    // state: '' sent, 'p' pending, 'x' failed.
    mark(row, state) {
      row.classList.remove('p', 'x');
      if (state) row.classList.add(state);
    },
    // An error with a retry button (kept when retry() refuses), under a failed message row or on its own; waits out Retry-After.
    failed(row, text, retry, waitSeconds) {
      const button = h('button', { class: 'lk', type: 'button', onclick: () => retry() !== false && note.remove() }, t.retry);
      const note = h('div', { class: 'err', role: 'alert' }, h('span', {}, text), button);
      if (waitSeconds) {
        button.disabled = true;
        setTimeout(() => (button.disabled = false), waitSeconds * 1000);
      }
      row ? (row.append(note), scrollDown()) : add(note);
    },
    offerLead() {
      if (leadDone || log.querySelector('.offer')) return;
      add(h('div', { class: 'm offer' }, h('button', { class: 'btn2', type: 'button', onclick: () => view('lead') }, t.leadTitle)));
    },
  };
}
