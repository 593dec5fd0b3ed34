// The size formulas with the example's numbers substituted, as MathML. Every number is the core's
// (the trace's axis geometry); this module only lays them out.
import { fmt, h, scrollable } from './dom.js';

const NS = 'http://www.w3.org/1998/Math/MathML';
const m = (tag, ...children) => {
  const el = document.createElementNS(NS, tag);
  el.append(...children);
  return el;
};
// Numbers become <mn>, names <mi>, words <mtext>, anything else an operator <mo>.
const token = (x) =>
  x instanceof Node
    ? x
    : typeof x === 'number'
      ? m('mn', fmt(x).replace('-', '−'))
      : /^[a-z]$/.test(x)
        ? m('mi', x)
        : /^\w/.test(x)
          ? m('mtext', x)
          : m('mo', x);
// Brackets that do not stretch: the formulas are flat, and without a math font (a fresh machine has
// none) a stretched bracket is drawn far taller than the line.
const flat = (x) => {
  const el = token(x);
  if (x === '(' || x === ')') el.setAttribute('stretchy', 'false');
  return el;
};
// A part that begins with an operator keeps the operator's spacing as between two terms.
const infix = (x) => {
  const el = flat(x);
  if (el.localName === 'mo') el.setAttribute('form', 'infix');
  return el;
};
const math = (...xs) => m('math', m('mrow', ...xs.map((x, i) => (i === 0 ? infix(x) : flat(x)))));
// A formula as several <math> pieces, broken before each "=" and each "+" outside parentheses, so
// that it wraps between its parts on a narrow screen (MathML has no line breaking of its own); a
// piece that is still too wide scrolls inside its own box, a tab stop while it does.
const chain = (...xs) => {
  const pieces = [[]];
  let depth = 0;
  for (const x of xs) {
    if (depth === 0 && (x === '=' || x === '+') && pieces.at(-1).length) pieces.push([]);
    if (x === '(') depth++;
    if (x === ')') depth--;
    pieces.at(-1).push(x);
  }
  return h('span', { className: 'chain' }, ...pieces.map((p) => scrollable(math(...p))));
};
const pOut = () => m('msub', m('mi', 'p'), m('mtext', 'out'));

/** One line per formula and axis: the general form, then the numbers (each wraps as a whole). names: ['length'] or ['height', 'width']. */
export function formulas(axes, names) {
  const rows = [];
  axes.forEach((a, i) => {
    const axis = names.length > 1 ? ` (${names[i]})` : '';
    rows.push(
      [
        `Intermediate${axis}`,
        [
          chain('intermediate', '=', '(', 'i', '−', 1, ')', '·', 's', '+', 'd', '·', '(', 'k', '−', 1, ')', '+', 1),
          chain(
            '=',
            '(',
            a.input,
            '−',
            1,
            ')',
            '·',
            a.stride,
            '+',
            a.dilation,
            '·',
            '(',
            a.kernel,
            '−',
            1,
            ')',
            '+',
            1,
            '=',
            a.intermediate,
          ),
        ],
      ],
      [
        `Carve${axis}`,
        [
          h('span', {}, 'cut ', math('p', '=', a.carveStart), ' at the start,'),
          h(
            'span',
            {},
            math('p', '−', pOut(), '=', a.carveEnd),
            ' at the end',
            a.carveEnd < 0 ? ' (a negative cut keeps cells past the end, which no kernel copy reached)' : '',
          ),
        ],
      ],
      [
        `Output${axis}`,
        [
          chain('output', '=', 'intermediate', '−', 2, 'p', '+', pOut()),
          chain('=', a.intermediate, '−', 2, '·', a.padding, '+', a.outputPadding, '=', a.output),
        ],
      ],
    );
  });
  return h(
    'dl',
    { className: 'formulas' },
    ...rows.flatMap(([term, def]) => [h('dt', { textContent: term }), h('dd', {}, ...def)]),
  );
}
