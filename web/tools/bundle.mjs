// Joins the page's modules, in the order given, into one ES module (the site's page.js): one
// request instead of seven, which is most of the page's start-up cost over a bare page. The modules
// share no top-level names (a clash would fail the build at terser's parse), and only their imports
// of each other are dropped; the import of ./tconv.js stays.
// Usage: node web/tools/bundle.mjs <out.js> <module.js>...
import { readFileSync, writeFileSync } from 'node:fs';

const [out, ...modules] = process.argv.slice(2);
const body = modules.map((file) =>
  readFileSync(file, 'utf8')
    .replace(/^import [^;]*? from '\.\/(?!tconv\.js)[\w-]+\.js';\n/gm, '')
    .replace(/^export (?=const|let|function|class)/gm, ''));
writeFileSync(out, `// Bundled from web/ by web/tools/bundle.mjs.\n${body.join('\n')}`);
