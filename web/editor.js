// The parameter editor of one example: presets, the input and kernel (edit cells, set sizes, or
// paste `1 2; 3 4` or `[[1,2],[3,4]]`), stride, padding, output_padding and dilation per axis, and a
// bias. It only reads what the user wrote; the page's apply() asks the core, and any message comes
// back here to the field it is about. What the user typed always stays in the fields.
import { axisNames, h } from './dom.js';
import { limits, params, parseValues, presets, value, valuesText } from './state.js';

const fields = ['input', 'kernel', ...params.map(([name]) => name), 'bias'];

/** The field a core message is about: its first word, or the parameter it blames in parentheses. */
export function fieldOf(message) {
  const m = /^(\w+)/.exec(message);
  if (m && fields.includes(m[1])) return m[1];
  return /\((padding|dilation|stride)\b/.exec(message)?.[1] ?? 'spec';
}

export class Editor {
  /** Builds the form into `form`; apply(spec) returns null when accepted or {field?, message}. */
  constructor(form, dims, apply) {
    this.dims = dims;
    this.apply = apply;
    this.names = axisNames[dims];
    this.msgs = {};
    this.pasted = {};
    const id = (name) => `e${dims}-${name}`;
    const msg = (name) => (this.msgs[name] = h('p', { className: 'msg', id: id(name), 'aria-live': 'polite' }));

    this.preset = h(
      'select',
      { id: id('preset') },
      h('option', { value: '', textContent: 'Choose a preset…' }),
      ...presets[dims].map(([label], i) => h('option', { value: i, textContent: label })),
    );
    this.matrices = {};
    const matrix = (name) => {
      const m = (this.matrices[name] = { sizes: [], cells: h('div', { className: 'cells' }) });
      const sizeInputs = this.names.map((axis) => {
        const input = h('input', {
          type: 'number',
          min: 1,
          max: limits[name],
          'aria-label': `${name} ${axis}`,
          className: 'size',
          'aria-describedby': id(name),
        });
        input.addEventListener('input', () => this.resize(name));
        m.sizes.push(input);
        return input;
      });
      m.paste = h('input', {
        type: 'text',
        spellcheck: false,
        autocomplete: 'off',
        placeholder: dims === 1 ? '1 2 3 or [1,2,3]' : '1 2; 3 4 or [[1,2],[3,4]]',
        'aria-describedby': id(name),
      });
      m.paste.addEventListener('input', () => {
        try {
          this.pasted[name] = parseValues(m.paste.value, dims);
          this.changed();
        } catch (e) {
          this.show({ field: name, message: e.message });
        }
      });
      return h(
        'fieldset',
        { className: `matrix ${name}` },
        h('legend', { textContent: name === 'input' ? 'Input' : 'Kernel' }),
        h('p', { className: 'sizes-row' }, `Size `, ...sizeInputs.flatMap((s, i) => (i ? [' × ', s] : [s]))),
        m.cells,
        h('label', {}, 'Paste values ', m.paste),
        msg(name),
      );
    };

    this.params = {};
    const param = ([name]) => {
      const inputs = this.names.map((axis) =>
        h('input', {
          type: 'text',
          inputMode: 'numeric',
          spellcheck: false,
          autocomplete: 'off',
          className: 'num',
          'aria-label': dims === 1 ? name : `${name} ${axis}`,
          'aria-describedby': id(name),
        }),
      );
      this.params[name] = inputs;
      return h(
        'div',
        { className: 'param' },
        h('span', { className: 'pname', textContent: name }),
        ...inputs,
        msg(name),
      );
    };
    this.bias = h('input', {
      type: 'text',
      inputMode: 'decimal',
      spellcheck: false,
      autocomplete: 'off',
      className: 'num',
      placeholder: 'none',
      'aria-label': 'bias',
      'aria-describedby': id('bias'),
    });

    form.classList.add('editor');
    form.append(
      h('p', {}, h('label', { htmlFor: id('preset'), textContent: 'Preset ' }), this.preset),
      msg('spec'),
      matrix('input'),
      matrix('kernel'),
      h(
        'fieldset',
        { className: 'params' },
        h('legend', { textContent: dims === 1 ? 'Parameters' : 'Parameters (height, width)' }),
        ...params.map(param),
        h(
          'div',
          { className: 'param' },
          h('span', { className: 'pname', textContent: 'bias' }),
          this.bias,
          msg('bias'),
        ),
      ),
    );
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => {
      if (e.target.classList.contains('cell')) {
        // Typing in a cell takes over from a paste the core refused: the cells are what counts now.
        for (const [name, m] of Object.entries(this.matrices)) if (m.cells.contains(e.target)) delete this.pasted[name];
      }
      if (e.target.classList.contains('cell') || e.target.classList.contains('num')) this.changed();
    });
    this.preset.addEventListener('change', () => {
      if (this.preset.value === '') return;
      this.load(presets[dims][this.preset.value][1]);
      this.changed();
    });
  }

  /** Fills every field from a spec (a preset, the URL, or values the core accepted). */
  load(spec) {
    for (const name of ['input', 'kernel']) this.fillMatrix(name, spec[name]);
    for (const [name, , none] of params) {
      const v = [].concat(spec[name] ?? none);
      this.params[name].forEach((input, i) => (input.value = v[Math.min(i, v.length - 1)]));
    }
    this.bias.value = spec.bias ? spec.bias[0] : '';
  }

  fillMatrix(name, values, paste = true) {
    const rows = this.dims === 1 ? [values] : values;
    const m = this.matrices[name];
    const sizes = this.dims === 1 ? [rows[0].length] : [rows.length, rows[0]?.length ?? 0];
    m.sizes.forEach((input, i) => (input.value = sizes[i]));
    m.cells.replaceChildren(
      ...rows.map((row, r) =>
        h(
          'div',
          { className: 'cells-row' },
          ...row.map((v, c) =>
            h('input', {
              type: 'text',
              inputMode: 'decimal',
              spellcheck: false,
              autocomplete: 'off',
              className: 'cell',
              value: v,
              'aria-label': `${name}${this.dims === 1 ? '' : `[${r}]`}[${c}]`,
            }),
          ),
        ),
      ),
    );
    if (paste) m.paste.value = valuesText(values);
    delete this.pasted[name];
  }

  /** The values in the cells, nested like the spec wants them. */
  readMatrix(name) {
    if (this.pasted[name]) return this.pasted[name];
    const rows = [...this.matrices[name].cells.children].map((row) =>
      [...row.children].map((cell) => value(cell.value)),
    );
    return this.dims === 1 ? rows[0] : rows;
  }

  resize(name) {
    const m = this.matrices[name];
    const sizes = m.sizes.map((input) => Number(input.value));
    const bad = sizes.findIndex((v) => !Number.isInteger(v) || v < 1 || v > limits[name]);
    if (bad >= 0) {
      const v = m.sizes[bad].value;
      return this.show({
        field: name,
        message:
          v > limits[name]
            ? `${name} ${this.names[bad]} ${v} is over this page's limit of ${limits[name]}`
            : `${name} ${this.names[bad]} must be a whole number from 1 to ${limits[name]}, got “${v}”`,
      });
    }
    // Keep the values that still fit; new cells start at 0.
    const old = this.dims === 1 ? [this.readMatrix(name)] : this.readMatrix(name);
    delete this.pasted[name];
    const rows = this.dims === 1 ? 1 : sizes[0];
    const cols = sizes[sizes.length - 1];
    const next = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => old[r]?.[c] ?? 0));
    this.fillMatrix(name, this.dims === 1 ? next[0] : next);
    this.changed();
  }

  read() {
    const spec = { dims: this.dims, input: this.readMatrix('input'), kernel: this.readMatrix('kernel') };
    for (const [name] of params) {
      const v = this.params[name].map((input) => value(input.value));
      spec[name] = this.dims === 1 ? v[0] : v;
    }
    if (this.bias.value.trim() !== '') spec.bias = [value(this.bias.value)];
    return spec;
  }

  changed() {
    const error = this.apply(this.read());
    if (error) return this.show(error);
    this.clear();
    for (const name of ['input', 'kernel']) {
      if (this.pasted[name]) this.fillMatrix(name, this.pasted[name], false);
      else this.matrices[name].paste.value = valuesText(this.readMatrix(name));
    }
  }

  show({ field, message }) {
    this.clear();
    const name = field ?? fieldOf(message);
    this.msgs[name].textContent = `${message}. The pictures still show the last valid example.`;
    this.msgs[name].closest('fieldset, .param')?.classList.add('invalid');
  }

  clear() {
    for (const el of Object.values(this.msgs)) {
      el.textContent = '';
      el.closest('.invalid')?.classList.remove('invalid');
    }
  }
}
