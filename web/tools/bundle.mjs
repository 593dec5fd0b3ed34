// Joins the page's modules, in the order given, into one ES module (the site's page.js): one
// request instead of eight, which is most of the page's start-up cost over a bare page. The modules
// share no top-level names (a clash would fail the build at terser's parse), and only their imports
// of each other are dropped; the import of ./tconv.js stays. A module imported but not listed before
// its importer fails the build here (it would be an undefined name in page.js, found only at run time).
// Usage: node web/tools/bundle.mjs <out.js> <module.js>...
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const [out, ...modules] = process.argv.slice(2);
const joined = new Set();
const body = modules.map((file) => {
  const text = readFileSync(file, 'utf8');
  for (const [, name] of text.matchAll(/^import [^;]*? from '\.\/(?!tconv\.js)([\w-]+\.js)';$/gm)) {
    if (!joined.has(name))
      throw new Error(`bundle.mjs: ${basename(file)} imports ./${name}, which is not listed before it`);
  }
  joined.add(basename(file));
  return text
    .replace(/^import [^;]*? from '\.\/(?!tconv\.js)[\w-]+\.js';\n/gm, '')
    .replace(/^export (?=const|let|function|class)/gm, '');
});
writeFileSync(out, `// Bundled from web/ by web/tools/bundle.mjs.\n${body.join('\n')}`);
