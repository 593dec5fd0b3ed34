// The parameter panel of one example, beside its grids: presets; sizes; channels and groups; stride,
// padding, output_padding and dilation per axis; the bias; values pasted as `1 2; 3 4` or JSON, or
// drawn at random. It only reads what the user wrote and builds a spec: the page's apply() asks the
// core, and a refusal comes back here as the core's {field, axis, message}, shown at that one field
// and axis. What the user typed always stays in the fields.
import { axisNames, counted, h } from './dom.js';
import { axisParams, echo, maxTextLength, value, wholeValue } from './params.js';
import { parseValues, presets, valuesText } from './state.js';

/** list with n entries: its own first ones, then copies of its first (new channels of the input, new rows of the weight). */
const withLength = (list, n) => Array.from({ length: n }, (_, i) => list[i] ?? structuredClone(list[0]));

const channelFields = ['in_channels', 'out_channels', 'groups'];

/** The spec's arrays as the editor holds them: always with channels, [C][...]. */
const withChannels = (spec) => ({
  input: spec.kernel ? [spec.input] : spec.input,
  weight: spec.kernel ? [[spec.kernel]] : spec.weight,
});

export class Editor {
  /**
   * Builds the panel into `form`; apply(spec) returns null when accepted, else {field, axis, message}.
   * limits: the page's drawing limits per axis ({input, kernel}), checked before any array is built.
   */
  constructor(form, dims, apply, limits) {
    this.limits = limits;
    this.dims = dims;
    this.form = form;
    this.apply = apply;
    this.names = axisNames[dims];
    this.msgs = {};
    const id = (name) => `e${dims}-${name}`;
    this.id = id;
    const msg = (name) => (this.msgs[name] = h('p', { className: 'msg', id: id(name), 'aria-live': 'polite' }));
    const number = (label, name, attrs = {}) =>
      h('input', {
        type: 'text',
        inputMode: 'numeric',
        spellcheck: false,
        autocomplete: 'off',
        className: 'num',
        'aria-label': label,
        'aria-describedby': id(name),
        ...attrs,
      });

    this.preset = h(
      'select',
      { id: id('preset') },
      h('option', { value: '', textContent: 'Choose a preset…' }),
      ...presets[dims].map(([label], i) => h('option', { value: i, textContent: label })),
    );
    // Sizes of the input and the kernel, per axis: changing one keeps the values that still fit.
    this.sizes = {};
    const sizeRow = (name, label) => {
      const inputs = this.names.map((axis) => number(`${label} ${axis}`, `${name}-size`, { className: 'num size' }));
      for (const input of inputs) this.#typedFrom(input, () => this.resize(name));
      this.sizes[name] = inputs;
      return h(
        'div',
        { className: 'param' },
        h('span', { className: 'pname', textContent: label }),
        ...inputs.flatMap((s, i) => (i ? [h('span', { textContent: '×', 'aria-hidden': 'true' }), s] : [s])),
        msg(`${name}-size`),
      );
    };
    this.channels = {};
    const channelRow = (name, label) => {
      const input = number(label, name, { className: 'num size' });
      this.#typedFrom(input, () => this.reshapeChannels(name));
      this.channels[name] = input;
      return h('div', { className: 'param' }, h('span', { className: 'pname', textContent: label }), input, msg(name));
    };
    this.params = {};
    const param = ({ key }) => {
      const inputs = this.names.map((axis) => number(dims === 1 ? key : `${key} ${axis}`, key));
      this.params[key] = inputs;
      return h('div', { className: 'param' }, h('span', { className: 'pname', textContent: key }), ...inputs, msg(key));
    };
    this.bias = h('input', {
      type: 'text',
      inputMode: 'decimal',
      spellcheck: false,
      autocomplete: 'off',
      className: 'num wide',
      placeholder: 'none',
      'aria-label': 'bias',
      'aria-describedby': id('bias'),
    });
    this.paste = {};
    const pasteField = (name, label, placeholder) => {
      const input = h('input', {
        type: 'text',
        spellcheck: false,
        autocomplete: 'off',
        className: 'paste',
        placeholder,
        'aria-label': label,
        'aria-describedby': id(name),
      });
      input.addEventListener('input', () => this.pasted(name));
      // A one-line field drops line breaks: rows pasted from a spreadsheet (tabs and lines) would
      // run into one row. They come in as the field writes them, "1 2; 3 4".
      input.addEventListener('paste', (e) => {
        const text = e.clipboardData?.getData('text/plain') ?? '';
        if (!/[\r\n\t]/.test(text)) return;
        e.preventDefault();
        const rows = text
          .split(/\r?\n|\r/)
          .map((row) => row.trim().replace(/\t+/g, ' '))
          .filter(Boolean);
        input.setRangeText(rows.join('; '), input.selectionStart, input.selectionEnd, 'end');
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      this.paste[name] = input;
      return h('label', { className: 'paste-row' }, h('span', { className: 'pname', textContent: label }), input);
    };
    const random = h('button', { type: 'button', className: 'random', textContent: 'Random integers' });
    random.addEventListener('click', () => this.randomize());

    form.classList.add('editor');
    // The parameters first: what a reader changes most, beside (on a phone: above) the grids. Sizes,
    // channels and values in their own section, closed on a phone so that the grids stay in view.
    this.more = h(
      'details',
      { className: 'more', open: !matchMedia('(max-width: 40rem)').matches },
      h('summary', { textContent: 'Sizes, channels and values' }),
      h(
        'fieldset',
        { className: 'shape' },
        h('legend', { textContent: dims === 1 ? 'Sizes' : 'Sizes (height × width)' }),
        sizeRow('input', 'input'),
        sizeRow('kernel', 'kernel'),
        channelRow('in_channels', 'in channels'),
        channelRow('out_channels', 'out channels'),
        channelRow('groups', 'groups'),
      ),
      h(
        'fieldset',
        { className: 'values' },
        h('legend', { textContent: 'Values' }),
        h('p', { className: 'hint', textContent: 'Edit them in the grids (✎), paste them here, or draw them.' }),
        pasteField('input', 'input', dims === 1 ? '1 2 3 or [1,2,3]' : '1 2; 3 4 or [[1,2],[3,4]]'),
        pasteField('weight', 'kernel / weight', dims === 1 ? '1 2 3 or [[[1,2,3]]]' : '1 0; 0 1 or [[[[1,0],[0,1]]]]'),
        random,
        msg('input'),
        msg('weight'),
      ),
    );
    form.append(
      h('p', { className: 'preset-row' }, h('label', { htmlFor: id('preset'), textContent: 'Preset ' }), this.preset),
      msg('spec'),
      h(
        'fieldset',
        { className: 'params' },
        h('legend', { textContent: dims === 1 ? 'Parameters' : 'Parameters (height, width)' }),
        ...axisParams.map(param),
        h(
          'div',
          { className: 'param' },
          h('span', { className: 'pname', textContent: 'bias' }),
          this.bias,
          msg('bias'),
        ),
      ),
      this.more,
    );
    this.msgs.kernel = this.msgs.weight;
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('input', (e) => {
      if (e.target.classList.contains('num') && !e.target.classList.contains('size')) this.changed();
      if (e.target === this.bias) this.changed();
    });
    this.preset.addEventListener('change', () => {
      if (this.preset.value === '') return;
      const [, spec, view] = presets[dims][this.preset.value];
      this.load(spec);
      this.onpreset?.(view ?? null);
      this.changed({ preset: true });
    });
  }

  /** Fills every field from a spec (a preset, the URL, or values the core accepted). The editor's
   *  values are its own copy: editing a cell must not change the preset or the state it came from. */
  load(spec) {
    this.#typing = null;
    const { input, weight } = withChannels(structuredClone(spec));
    this.values = { input, weight };
    this.single = Boolean(spec.kernel);
    const spatial = (nested, skip) => {
      let level = nested;
      for (let i = 0; i < skip; i++) level = level?.[0];
      return this.dims === 1 ? [level?.length ?? 0] : [level?.length ?? 0, level?.[0]?.length ?? 0];
    };
    this.sizes.input.forEach((el, a) => (el.value = spatial(input, 1)[a]));
    this.sizes.kernel.forEach((el, a) => (el.value = spatial(weight, 2)[a]));
    const groups = spec.groups ?? 1;
    this.channels.in_channels.value = input.length;
    this.channels.out_channels.value = (weight[0]?.length ?? 1) * groups;
    this.channels.groups.value = groups;
    for (const { key, none } of axisParams) {
      const v = [].concat(spec[key] ?? none);
      const fields = this.params[key];
      const last = fields.length - 1;
      // One value for every axis, or one per axis; a link with more values than axes (s1=2,2) shows
      // the rest in the last field: the message is about them, and no field shows a value the link
      // does not hold.
      fields.forEach(
        (el, i) =>
          (el.value = v.length > fields.length && i === last ? v.slice(last).join(',') : v[Math.min(i, v.length - 1)]),
      );
    }
    this.bias.value = spec.bias ? [].concat(spec.bias).join(', ') : '';
    this.paste.input.value = valuesText(spec.kernel ? spec.input : input);
    this.paste.weight.value = valuesText(spec.kernel ?? weight);
    this.clear();
  }

  /** The spec the fields describe: the kernel form while there is one channel and one group. Its
   *  arrays are copies: the page keeps an accepted spec as its state (and its link), and a later
   *  edit of a cell, refused or not, must not change it in place. */
  read() {
    const spec = { dims: this.dims };
    const single =
      this.values.input.length === 1 &&
      this.values.weight.length === 1 &&
      this.values.weight[0]?.length === 1 &&
      Number(this.channels.groups.value) === 1;
    if (single) {
      spec.input = structuredClone(this.values.input[0]);
      spec.kernel = structuredClone(this.values.weight[0][0]);
    } else {
      spec.input = structuredClone(this.values.input);
      spec.weight = structuredClone(this.values.weight);
      spec.groups = wholeValue(this.channels.groups.value);
    }
    for (const { key } of axisParams) {
      const v = this.params[key].map((el) => wholeValue(el.value));
      spec[key] = this.dims === 1 ? v[0] : v;
    }
    const bias = this.bias.value.trim();
    if (bias !== '') spec.bias = bias.split(/[\s,]+/).map(value);
    return spec;
  }

  changed({ preset = false } = {}) {
    // Any change but a preset's own makes the example no longer that preset: the menu says so.
    if (!preset) this.preset.value = '';
    const error = this.apply(this.read());
    if (error) return this.show(error);
    this.clear();
  }

  /** One value typed in a grid of the view: where 'input' (cell [c, ...position]) or 'kernel' (tap
   *  [c_in, c_out_in_group, ...position]). The text goes to the core as typed; it names what is wrong. */
  editCell(where, cell, text) {
    this.#typing = null;
    const key = where === 'input' ? 'input' : 'weight';
    let level = this.values[key];
    for (const index of cell.slice(0, -1)) level = level?.[index];
    if (!Array.isArray(level)) return;
    level[cell[cell.length - 1]] = value(text);
    this.#showValues(key, { typed: 'replace' });
    this.changed();
  }

  /** Writes the values of key ('input' or 'weight') into its text field: after a size, channel or
   *  grid change, the field says what the grids hold. typed: 'keep' leaves text that does not read
   *  (the user's typing, which the message is about); 'replace' writes over it. */
  #showValues(key, { typed = 'keep' } = {}) {
    const field = this.paste[key];
    if (typed === 'keep') {
      try {
        parseValues(field.value, this.dims);
      } catch {
        return;
      }
    }
    const v = this.values[key];
    field.value = valuesText(this.isSingle() ? (key === 'input' ? v[0] : v[0][0]) : v);
  }

  isSingle() {
    return this.values.input.length === 1 && this.values.weight.length === 1 && this.values.weight[0]?.length === 1;
  }

  /** A pasted matrix: `1 2; 3 4` or JSON, with or without the channel levels. */
  pasted(name) {
    this.#typing = null;
    let parsed;
    try {
      parsed = parseValues(this.paste[name].value, this.dims);
    } catch (e) {
      return this.show({ field: name, message: e.message });
    }
    // Without channel levels, the values are channel 0 (and output channel 0 of its group).
    const depth = (v) => (Array.isArray(v) ? 1 + depth(v[0]) : 0);
    const extra = depth(parsed) - this.dims;
    this.values[name] =
      name === 'input' ? (extra >= 1 ? parsed : [parsed]) : extra >= 2 ? parsed : extra === 1 ? [parsed] : [[parsed]];
    const followed = this.#followChannels(name);
    this.refreshSizes();
    // More values than this page draws are said as a size typed would be, with the output's shape:
    // the core's own limit is wider (64 per axis), and past it its message named that one.
    const sizes = name === 'weight' ? 'kernel' : 'input';
    const over = this.#sizeError(sizes);
    if (over?.over) return this.#showOver({ field: name, axis: null, over: true, message: over.message }, sizes);
    this.changed();
    if (followed && !this.showing()) this.note(followed, name);
  }

  /** After values pasted into key with another number of input channels than the other field's (a
   *  `1;2` in 1D is two channels), the other follows, as it does when "in channels" changes: its
   *  channels kept, new ones copies of its first. Returns the note that says so, or null. */
  #followChannels(key) {
    const other = key === 'input' ? 'weight' : 'input';
    const count = this.values[key].length;
    if (this.values[other].length === count) return null;
    this.values[other] = withLength(this.values[other], count);
    this.#showValues(other, { typed: 'replace' });
    const hint = key === 'input' && this.dims === 1 && !this.paste.input.value.trim().startsWith('[');
    return key === 'input'
      ? `the input now has ${counted(count, 'channel')}${hint ? ' (in 1D a “;” starts a channel)' : ''}; the weight follows with ${counted(count, 'row')}, one per input channel`
      : `the weight now has ${counted(count, 'row')} (input channels); the input follows with ${counted(count, 'channel')}`;
  }

  /** Keeps the size and channel fields in step with the values. */
  refreshSizes() {
    const { input, weight } = this.values;
    const at = (v, skip) => {
      for (let i = 0; i < skip; i++) v = v?.[0];
      return v;
    };
    const spatial = (v) => (this.dims === 1 ? [v?.length ?? 0] : [v?.length ?? 0, v?.[0]?.length ?? 0]);
    spatial(at(input, 1)).forEach((n, a) => (this.sizes.input[a].value = n));
    spatial(at(weight, 2)).forEach((n, a) => (this.sizes.kernel[a].value = n));
    this.channels.in_channels.value = input.length;
    this.channels.out_channels.value = (weight[0]?.length ?? 1) * (Number(this.channels.groups.value) || 1);
  }

  // The values as they were when the reader began typing in a size or channel field, and that field.
  #typing = null;

  /** Calls apply() at each input to a size or channel field, from the values as they were when the
   *  reader began typing in it: a size typed digit by digit ("1", then "12") is applied from them
   *  each time, so the "1" on the way does not cut away what "12" keeps. Leaving the field, or any
   *  other change of the values, makes the values then the ones to start from. */
  #typedFrom(field, apply) {
    field.addEventListener('input', () => {
      if (this.#typing?.field !== field) this.#typing = { field, values: { ...this.values } };
      this.values = { ...this.#typing.values };
      apply();
    });
    field.addEventListener('blur', () => {
      if (this.#typing?.field === field) this.#typing = null;
    });
  }

  /** New sizes: keep the values that still fit, new cells 0. Sizes are the core's to refuse. A size
   *  over what the page draws is answered with the output's shape for any size (onoversize). */
  resize(name) {
    const error = this.#grow(name);
    if (!error) return this.changed();
    this.#showOver(error, name);
  }

  /** Shows a size error, and for a size over what this page draws, the output's shape for it. */
  #showOver(error, name) {
    this.show(error);
    if (!error.over || !this.onoversize) return;
    const asked = this.sizes[name].map((el) => el.value).join();
    this.onoversize(this.sizeSpec()).then((answer) => {
      // Only while the sizes are still the ones asked about.
      if (answer && this.sizes[name].map((el) => el.value).join() === asked)
        this.show({ ...error, message: `${error.message}; ${answer}` });
    });
  }

  /** The sizes form of the fields (input_size, kernel_size, channels, parameters): tconv shape's spec. */
  sizeSpec() {
    const spec = this.read();
    const sizes = (name) => this.sizes[name].map((el) => wholeValue(el.value));
    const out = { dims: this.dims, input_size: sizes('input'), kernel_size: sizes('kernel') };
    for (const { key } of axisParams) out[key] = spec[key];
    if (!this.isSingle() || Number(this.channels.groups.value) !== 1) {
      out.in_channels = wholeValue(this.channels.in_channels.value);
      out.out_channels = wholeValue(this.channels.out_channels.value);
      out.groups = wholeValue(this.channels.groups.value);
    }
    return out;
  }

  /** Opens parameters chosen elsewhere (the solver): sizes per axis and the axis parameters; new
   *  kernel cells are 1, new input cells 0. */
  setParams({ input_size, kernel_size, ...params }) {
    this.#typing = null;
    const perAxis = (v, a) => [].concat(v)[Math.min(a, [].concat(v).length - 1)];
    for (const [key, v] of Object.entries(params)) this.params[key]?.forEach((el, a) => (el.value = perAxis(v, a)));
    this.sizes.input.forEach((el, a) => (el.value = perAxis(input_size, a)));
    this.sizes.kernel.forEach((el, a) => (el.value = perAxis(kernel_size, a)));
    const error = this.#grow('input') ?? this.#grow('kernel', 1);
    if (error) return this.show(error);
    this.changed();
  }

  /** The first of name's size fields ('input' or 'kernel') outside what this page draws, as
   *  {field, axis, over, message}; null when all are drawn. */
  #sizeError(name) {
    const sizes = this.sizes[name].map((el) => Number(el.value));
    const most = this.limits[name];
    const bad = sizes.findIndex((v) => !Number.isInteger(v) || v < 1 || v > most);
    if (bad < 0) return null;
    const given = this.sizes[name][bad].value;
    const over = sizes[bad] > most;
    return {
      field: name,
      axis: bad,
      over,
      message: over
        ? `${name} ${this.names[bad]} ${given} is more than this page draws (1 to ${most})`
        : `${name} ${this.names[bad]} must be a whole number from 1 to ${most}, got ${echo(given)}`,
    };
  }

  /** Resizes name's values to its size fields: null, or the error when a size cannot be drawn. */
  #grow(name, fill = 0) {
    const error = this.#sizeError(name);
    if (error) return error;
    const sizes = this.sizes[name].map((el) => Number(el.value));
    const grow = (old) => {
      const rows = this.dims === 1 ? 1 : sizes[0];
      const cols = sizes[sizes.length - 1];
      const grid = this.dims === 1 ? [old] : old;
      const next = Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => grid?.[r]?.[c] ?? fill),
      );
      return this.dims === 1 ? next[0] : next;
    };
    const key = name === 'input' ? 'input' : 'weight';
    this.values[key] = name === 'input' ? this.values.input.map(grow) : this.values.weight.map((row) => row.map(grow));
    this.#showValues(key);
    return null;
  }

  /** New channel counts or groups: the weight is reshaped to [C_in][C_out/groups][k...], new kernels
   *  copies of the first. edited: the field the reader changed, whose message a refusal is. */
  reshapeChannels(edited = 'out_channels') {
    const counts = channelFields.map((f) => Number(this.channels[f].value));
    const [cin, cout, groups] = counts;
    const most = this.limits.channels;
    const bad = channelFields.find((_, i) => !Number.isInteger(counts[i]) || counts[i] < 1 || counts[i] > most);
    if (bad)
      return this.show({
        field: bad,
        message: `${bad.replace('_', ' ')} must be a whole number from 1 to ${most}, got ${echo(this.channels[bad].value)}`,
      });
    if (cout % groups !== 0)
      return this.show({
        field: edited === 'groups' ? 'groups' : 'out_channels',
        message: `out channels (${cout}) must be a multiple of groups (${groups})`,
      });
    const perGroup = cout / groups;
    const kernel = this.values.weight[0][0];
    this.values.input = withLength(this.values.input, cin);
    this.values.weight = Array.from({ length: cin }, (_, c) =>
      Array.from({ length: perGroup }, (_, j) => this.values.weight[c]?.[j] ?? structuredClone(kernel)),
    );
    this.#showValues('input');
    this.#showValues('weight');
    this.changed();
  }

  /** Random small integers in every input and weight value, for a quick start. */
  randomize() {
    this.#typing = null;
    const draw = (v) => (Array.isArray(v) ? v.map(draw) : Math.floor(Math.random() * 7) - 3);
    this.values.input = draw(this.values.input);
    this.values.weight = draw(this.values.weight);
    this.#showValues('input', { typed: 'replace' });
    this.#showValues('weight', { typed: 'replace' });
    this.changed();
  }

  /** The core's refusal at its field and axis (or the example as a whole). drawn: what the pictures
   *  show meanwhile, 'last' (the last valid example) or 'seed' (a link refused before anything of
   *  it was valid: the example the page opens with). */
  show({ field, axis = null, message, drawn = 'last' }) {
    this.clear();
    // A message in the closed section opens it, so that it is seen.
    if (['input', 'kernel', 'weight', 'in_channels', 'out_channels', 'groups'].includes(field)) this.more.open = true;
    // An array's error with an axis is about its size (shown at the sizes), without one about its values.
    const array = field === 'kernel' || field === 'weight' ? 'kernel' : field === 'input' ? 'input' : null;
    const size = array !== null && axis !== null && axis !== undefined;
    const name = size ? `${array}-size` : array === 'kernel' ? 'weight' : this.msgs[field] ? field : 'spec';
    const pictures = drawn === 'seed' ? 'show the example the page opens with' : 'still show the last valid example';
    this.msgs[name].textContent = `${message}. The pictures ${pictures}.`;
    const inputs = this.#inputsOf(field, size);
    const marked = axis !== null && inputs[axis] ? [inputs[axis]] : inputs;
    for (const el of marked) {
      el.setAttribute('aria-invalid', 'true');
      el.classList.add('invalid');
    }
    this.#reveal(this.msgs[name]);
  }

  /** Puts a link's text that could not be read back into its field (the values drawn are the
   *  seed's, but the field shows what the link holds, which the message is about). */
  keep(field, text) {
    // All of it in the first field (a 2D parameter's height), the others empty: none shows a value
    // the link does not hold. A text over the length limit is not put anywhere.
    if (text.length > maxTextLength) return;
    this.#inputsOf(field, false).forEach((el, i) => (el.value = i ? '' : text));
  }

  /** The fields a message about `field` is at: a per-axis parameter's, a channel count's, the bias,
   *  an array's size fields (size) or its values' field. */
  #inputsOf(field, size) {
    const array = field === 'kernel' || field === 'weight' ? 'kernel' : field === 'input' ? 'input' : null;
    return (
      this.params[field] ??
      (size ? this.sizes[array] : null) ??
      (this.channels[field] ? [this.channels[field]] : null) ??
      (field === 'bias' ? [this.bias] : null) ??
      (array ? [this.paste[array === 'kernel' ? 'weight' : 'input']] : [])
    );
  }

  /** Scrolls a message the reader caused into view: under the last fields it would be below the
   *  bottom of the panel, which scrolls on its own. Not for what a link or a load says. */
  #reveal(message) {
    if (this.form.contains(document.activeElement)) message.scrollIntoView({ block: 'nearest' });
  }

  /** Whether a message is shown (a refusal or a note). */
  showing() {
    return Object.values(this.msgs).some((el) => el.textContent !== '');
  }

  /** A remark that refuses nothing, at a field's message or the example's (a link's unknown view). */
  note(message, field = 'spec') {
    this.clear();
    this.msgs[field].textContent = `${message}.`;
    this.#reveal(this.msgs[field]);
  }

  clear() {
    for (const el of Object.values(this.msgs)) el.textContent = '';
    const fields = [
      ...Object.values(this.params),
      ...Object.values(this.sizes),
      Object.values(this.channels),
      [this.bias],
      Object.values(this.paste),
    ];
    for (const group of fields)
      for (const el of group) {
        el.removeAttribute('aria-invalid');
        el.classList.remove('invalid');
      }
  }
}
