//! Entry point: mounts the widget into a shadow root and wires the UI to the conversation.
//! The only global is window.SvontAi; the only side effect is the mounted host element.
import { findScript, readConfig } from './config.js';
import { createApi } from './api.js';
import { createChat } from './chat.js';
import { sessionStore } from './storage.js';
import { texts } from './i18n.js';
import { createUI, errorText } from './ui.js';

const POLL_MS = 4000;

// Read now: document.currentScript is only set while this script first runs.
const config = readConfig(findScript(document), location.href);

function mount({ botKey, api }) {
  const chat = createChat(createApi(api), sessionStore(botKey), botKey, restart);
  let ui;
  let isOpen = false;
  let ready = false; // conversation and history loaded
  let starting = null;
  let pending = null; // the row of the message on its way
  let timer = 0;

  const host = document.createElement('svontai-widget');
  const root = host.attachShadow({ mode: 'open' });
  const handlers = { toggle: () => (isOpen ? close() : open()), close, send, lead: chat.lead };

  // Built in the stored bot's language (Turkish before the first init); rebuilt when init says otherwise.
  function render(bot) {
    const typed = ui ? ui.input.value : '';
    if (ui) ui.remove();
    ui = createUI(root, texts(bot && bot.language), handlers);
    ui.input.value = typed;
    if (bot) ui.setBot(bot);
    ui.canSend(ready && !pending);
    if (isOpen) ui.setOpen(true);
  }
  render(chat.bot);
  document.body.append(host);

  function open() {
    if (isOpen) return;
    isOpen = true;
    ui.setOpen(true);
    // Operator replies may have come in while the window was closed.
    ready ? poll() : start();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    clearTimeout(timer);
    ui.setOpen(false);
  }

  function start() {
    starting =
      starting ||
      connect().catch((e) => {
        starting = null;
        ui.typing(false);
        ui.failed(null, errorText(ui.t, e), start);
      });
  }

  async function connect() {
    ui.typing(true);
    restart(await chat.start());
    ui.typing(true);
    show(await chat.fetchNew());
    ready = true;
    ui.typing(false);
    ui.canSend(!pending);
    schedulePoll();
  }

  // A (new) conversation: the welcome message first, then its history; a message on its way stays.
  function restart(init) {
    const bot = init.bot || {};
    if (texts(bot.language) != ui.t) render(bot);
    ui.setBot(bot);
    ui.clear();
    if (init.welcome_message) ui.message({ sender: 'bot', content: init.welcome_message });
    if (pending) ui.add(pending);
  }

  const show = (messages) => messages.forEach((m) => ui.message(m));

  function schedulePoll() {
    clearTimeout(timer);
    if (isOpen && ready && !document.hidden) timer = setTimeout(poll, POLL_MS);
  }

  async function poll() {
    clearTimeout(timer);
    try {
      show(await chat.fetchNew());
    } catch (e) {
      // Offline, a server hiccup or a rate limit: the next tick tries again. Anything else (the bot was
      // switched off, this site is no longer allowed) won't fix itself: stop and say so.
      if (e.status && e.status != 429 && e.status < 500) return stop(e);
    }
    schedulePoll();
  }

  function stop(e) {
    ready = false;
    starting = null;
    ui.canSend(false);
    ui.failed(null, errorText(ui.t, e), start);
  }

  // -> false when refused (not connected yet, or another message is on its way).
  function send(text, row) {
    if (pending || !ready) return false;
    deliver(text, row);
  }

  async function deliver(text, row) {
    ui.canSend(false);
    if (row) ui.mark(row, 'p');
    else row = ui.message({ sender: 'user', content: text }, true);
    pending = row;
    ui.typing(true);
    try {
      const r = await chat.send(text);
      ui.mark(row, '');
      // reply is null once a person has taken over; their messages arrive by polling.
      if (r.reply) ui.message(r.reply);
      if (r.ask_contact) ui.offerLead();
    } catch (e) {
      ui.mark(row, 'x');
      ui.failed(row, errorText(ui.t, e), () => send(text, row), e.retryAfter);
    } finally {
      pending = null;
      ui.typing(false);
      ui.canSend(ready);
      schedulePoll();
    }
  }

  document.addEventListener('visibilitychange', () => (document.hidden ? clearTimeout(timer) : isOpen && ready && poll()));

  return { open, close };
}

// Mount once, even if the snippet is pasted twice; wait for <body> if the script sits in <head>.
if (config && !window.SvontAi) {
  const widget = {};
  window.SvontAi = widget;
  const go = () => Object.assign(widget, mount(config));
  document.body ? go() : document.addEventListener('DOMContentLoaded', go);
}
