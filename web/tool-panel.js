// A disclosure in an example's extras (Export, Code, Frameworks, Find parameters): a summary that
// reads like a button, a body built the first time it is opened (so that nothing it needs, such as
// the tools module, loads before the reader asks), a status line read out politely, and a read-only
// text field for code with a button that copies it.
import { h } from './dom.js';

/**
 * A <details> panel. make(body) runs when it is first opened and resolves to the panel's content,
 * {refresh()} (it may load its module first: the page's first load has none of them); refresh runs
 * each time the panel is opened and, while it is open, whenever the owner calls refresh().
 */
export function toolPanel(container, { label, className, make }) {
  const body = h('div', { className: 'tool-body' });
  const panel = h('details', { className: `tool ${className}` }, h('summary', { textContent: label }), body);
  let content = null;
  panel.addEventListener('toggle', async () => {
    if (!panel.open) return;
    content ??= Promise.resolve(make(body));
    (await content).refresh();
  });
  container.append(panel);
  return {
    panel,
    refresh: async () => {
      if (panel.open && content) (await content).refresh();
    },
  };
}

/**
 * loadTools for one question a panel asks again at every edit: resolves to the tools module, or to
 * null when the same question was asked again meanwhile. Questions asked while the module is still
 * loading all wait for it and wake together; only the latest may answer, or an earlier one would
 * append its own answer (or show a stale one) beside it.
 */
export function latestOnly(loadTools) {
  let asked = 0;
  return async () => {
    const mine = ++asked;
    const tools = await loadTools();
    return mine === asked ? tools : null;
  };
}

/** A status line that screen readers announce when it changes. */
export const statusLine = () => h('p', { className: 'tool-status', 'aria-live': 'polite' });

/** A read-only code field and a button that copies it; show(text) fills it. */
export function codeBox(label, status) {
  const field = h('textarea', { className: 'copy-code', readOnly: true, rows: 8, hidden: true, 'aria-label': label });
  const copy = h('button', {
    type: 'button',
    className: 'tool-button',
    textContent: 'Copy',
    hidden: true,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = `Copied ${label.toLowerCase()}.`;
      } catch {
        field.focus();
        field.select();
        status.textContent = 'Press Ctrl+C (⌘C) to copy the selected text.';
      }
    },
  });
  const el = h('div', { className: 'code-box' }, field, copy);
  return {
    el,
    show(text, rows = 8) {
      field.value = text;
      field.rows = Math.max(3, Math.min(rows, text.split('\n').length));
      field.hidden = false;
      copy.hidden = false;
    },
    hide() {
      field.hidden = true;
      copy.hidden = true;
    },
  };
}

/** A Blob saved as a file (an <a download> clicked), and its size in words. */
export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return blob.size < 1024 ? `${blob.size} bytes` : `${(blob.size / 1024).toFixed(1)} KB`;
}
