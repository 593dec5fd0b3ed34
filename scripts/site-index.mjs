// Writes the site's index.html from web/index.html: at its <!-- preloads --> line, one
// <link rel="modulepreload"> per chunk that page.js imports statically (esbuild's metafile says
// which), so the browser fetches them beside page.js instead of after it. The chunks' names carry
// their content's hash, so a list written by hand would go stale.
// Usage: node scripts/site-index.mjs <web/index.html> <metafile.json> <site dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const [template, metafile, siteDir] = process.argv.slice(2);
const { outputs } = JSON.parse(readFileSync(metafile, 'utf8'));
const page = Object.entries(outputs).find(([, o]) => o.entryPoint?.endsWith('web/main.js'));
if (!page) throw new Error(`${metafile} has no output for web/main.js`);
const chunks = page[1].imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path);
const links = chunks
  .map((path) => `<link rel="modulepreload" href="${relative(siteDir, path).split('\\').join('/')}">`)
  .join('\n');
const html = readFileSync(template, 'utf8');
if (!html.includes('<!-- preloads -->\n')) throw new Error(`${template} has no <!-- preloads --> line`);
writeFileSync(join(siteDir, 'index.html'), html.replace('<!-- preloads -->\n', links ? `${links}\n` : ''));
