// The figure's palettes are web/viz.css's themes: Chromium resolves viz.css's colours (the two
// tokens and the colour mixes derived from them) for .theme-light and .theme-dark, and each must be
// the C++ palette's colour, to one unit per channel (the mixes are in oklab; the palette in sRGB hex).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { repo } from './support.mjs';
import { paletteColours } from '../../web/figures.js';

const tool = process.env.TCONV_PALETTE;
// Palette field (the tool's snake_case JSON names) -> the viz.css custom property it is: the
// page's own table (web/figures.js), so that the test checks the mapping the exports use.
const properties = Object.fromEntries(
  Object.entries(paletteColours).map(([field, property]) => [
    field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    property,
  ]),
);

test("the light and dark palettes are viz.css's themes", {
  skip: !tool && 'TCONV_PALETTE is not set (run through ctest)',
}, async () => {
  const palettes = JSON.parse(spawnSync(tool, { encoding: 'utf8' }).stdout);
  const css = readFileSync(resolve(repo, 'web/viz.css'), 'utf8');
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser);
    await page.setContent('<div class="tconv theme-light"><i></i></div><div class="tconv theme-dark"><i></i></div>');
    await page.addStyleTag({ content: css });
    const resolved = await page.evaluate((props) => {
      const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      const bytes = (colour) => {
        context.clearRect(0, 0, 1, 1);
        context.fillStyle = colour;
        context.fillRect(0, 0, 1, 1);
        return Array.from(context.getImageData(0, 0, 1, 1).data);
      };
      const out = {};
      for (const theme of ['light', 'dark']) {
        const probe = document.querySelector(`.theme-${theme} i`);
        out[theme] = {};
        for (const [field, property] of Object.entries(props)) {
          probe.style.color = `var(${property})`;
          out[theme][field] = bytes(getComputedStyle(probe).color);
        }
        out[theme].mono = getComputedStyle(document.querySelector(`.theme-${theme}`))
          .getPropertyValue('--c-mono')
          .trim();
      }
      return out;
    }, properties);
    const hexBytes = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    for (const theme of ['light', 'dark']) {
      for (const field of Object.keys(properties)) {
        const ours = hexBytes(palettes[theme][field]);
        const css = resolved[theme][field];
        assert.equal(css[3], 255, `${theme} ${field} is opaque`);
        assert.ok(
          ours.every((v, i) => Math.abs(v - css[i]) <= 1),
          `${theme} ${field}: ${palettes[theme][field]} vs rgb(${css.slice(0, 3)})`,
        );
      }
      assert.equal(palettes[theme].mono, resolved[theme].mono, `${theme} mono`);
    }
  } finally {
    await browser.close();
  }
});
