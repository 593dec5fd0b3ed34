// Writes the site's index.html with the first state of both worked examples already drawn: the page
// itself (page.js and the core, built into the site folder) runs once in headless Chromium, and what
// it built in each example (grids, controls, text, the parameter panel, the panels under it) is
// written into the template's empty <section>. A reader sees the examples before the core arrives;
// main.js then replaces them with live ones laid out the same (web/ready.js says which stand).
// Field values and chosen options become attributes, the one thing a serialized DOM would lose; inline
// styles are dropped (the page's Content-Security-Policy would refuse them in markup), and the build
// fails if dropping them would move anything. Without Chromium the template is written as it is,
// with a warning: the page then draws once the core has loaded.
// Usage: node scripts/prerender.mjs <index.html template> <site dir> [output, default <site dir>/index.html]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tests/support/browser.mjs';
import { serve } from './static-server.mjs';

const [template, site, output = join(site, 'index.html')] = process.argv.slice(2);
const html = readFileSync(template, 'utf8');
const sections = /<section id="ex(\d)" class="example"[^>]*>[\s\S]*?<\/section>/g;
if ([...html.matchAll(sections)].length !== 2) throw new Error(`${template}: expected the two example sections`);

let browser;
try {
  browser = await launchBrowser();
} catch (e) {
  console.warn(`prerender: no Chromium (${e.message.split('\n')[0]}); index.html without the first states drawn`);
  writeFileSync(output, html);
  process.exit(0);
}
const { server, url } = await serve(site, 0);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  // The template, not whatever index.html the site folder holds now.
  await page.route(`${url}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('tconv-live').length === 1, null, { timeout: 30000 });
  const drawn = await page.evaluate(() => {
    const moved = [];
    const out = {};
    for (const section of document.querySelectorAll('.example')) {
      for (const input of section.querySelectorAll('input')) input.setAttribute('value', input.value);
      for (const option of section.querySelectorAll('option')) option.toggleAttribute('selected', option.selected);
      const styled = [...section.querySelectorAll('[style]')];
      const rects = (els) => els.map((el) => JSON.stringify(el.getBoundingClientRect()));
      const all = [...section.querySelectorAll('*')];
      const before = rects(all);
      for (const el of styled) el.removeAttribute('style');
      const after = rects(all);
      all.forEach((el, i) => before[i] !== after[i] && moved.push(`${el.tagName} ${el.className}`));
      section.setAttribute('data-prerendered', '');
      out[section.id] = section.outerHTML;
    }
    return { out, moved };
  });
  if (drawn.moved.length)
    throw new Error(`prerender: dropping inline styles moves ${drawn.moved.slice(0, 5).join(', ')}`);
  if (problems.length) throw new Error(`prerender: the page reported ${problems.join('; ')}`);
  writeFileSync(
    output,
    html.replace(sections, (_, n) => drawn.out[`ex${n}`]),
  );
} finally {
  await browser.close();
  server.close();
}
