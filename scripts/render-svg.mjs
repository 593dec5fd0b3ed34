#!/usr/bin/env node
// Renders SVG files to PNG with headless Chromium, to look at figures: node scripts/render-svg.mjs a.svg [b.svg ...]
// writes a.png beside each (scale 2). Used by hand and by the README's figure steps.
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../tests/support/browser.mjs';

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ deviceScaleFactor: 2 });
  for (const file of process.argv.slice(2)) {
    const svg = readFileSync(file, 'utf8');
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    const box = await page.$('svg');
    await box.screenshot({ path: `${file.replace(/\.svg$/, '')}.png` });
  }
} finally {
  await browser.close();
}
