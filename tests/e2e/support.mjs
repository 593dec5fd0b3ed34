// Shared set-up of the browser tests: the site served in-process, Debian's chromium driven by
// playwright-core, and pages that fail the test on any console error, page error or CSP violation.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';
import { launchBrowser } from '../support/browser.mjs';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const siteDir = resolve(repo, process.env.TCONV_SITE_DIR ?? 'build/site');
export const shotDir = resolve(repo, 'test-artifacts/screenshots');

/** Starts the server and the browser; returns {url, browser, open(path, options), close()}. */
export async function start() {
  const { server, url } = await serve(siteDir, 0);
  const browser = await launchBrowser();
  const pages = [];
  return {
    url,
    browser,
    /** A ready page; page.problems collects console errors, page errors and CSP violations. */
    async open(path = '', { width = 1280, height = 900, colorScheme = 'light', reducedMotion = 'no-preference' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion });
      const page = await context.newPage();
      page.problems = [];
      page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
        ),
      );
      pages.push(page);
      await page.goto(url + path);
      await ready(page);
      return page;
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * The set-up of a test file of the page: the site, the browser and the core started before its tests,
 * and after each test every page it opened checked (no console error, page error or CSP violation
 * left behind) and closed. Returns {open(path, options), adopt(page), site, api} (site and api once
 * started).
 */
export function pageSuite() {
  const suite = { site: null, api: null };
  let pages = [];
  before(async () => {
    suite.site = await start();
    suite.api = await core();
  });
  after(() => suite.site.close());
  afterEach(async () => {
    for (const page of pages) {
      assert.deepEqual(page.problems, [], 'console errors');
      await page.context().close();
    }
    pages = [];
  });
  suite.adopt = (page) => {
    pages.push(page);
    return page;
  };
  suite.open = async (...args) => suite.adopt(await suite.site.open(...args));
  return suite;
}

/** Waits until the page's examples answer the reader (tconv-live): the default page is drawn earlier
 *  (tconv-ready, from the first states the build drew), live once the core has arrived. */
export const ready = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('tconv-live').length === 1, null, { timeout: 10000 });

/** The core in Node, the same module the page loads: what the browser tests compare with. */
export const core = async () => (await import(pathToFileURL(resolve(siteDir, 'tconv.js')).href)).load();

/** The numbers of one grid of an example's view ('in', 'kern', 'copy', 'buf', 'out') as rows of text. */
export const grid = (page, ex, name, view = 'scatter') =>
  page.$$eval(`#ex${ex} .${view} .${name} [role=row]:not(.ix-row)`, (rows) =>
    rows.map((tr) => [...tr.querySelectorAll('[role=gridcell]')].map((td) => td.textContent)),
  );

/** The text of an element, no-break spaces read as spaces. */
export const text = (page, selector) => page.$eval(selector, (el) => el.textContent.replace(/\u00a0/g, ' '));

export function shotPath(name) {
  mkdirSync(shotDir, { recursive: true });
  return resolve(shotDir, `${name}.png`);
}

/** Switches an example to a view and waits until the view's grids are drawn (the gather and matrix
 *  views load on demand). */
export async function showView(page, ex, view) {
  await page.click(`#ex${ex} .tab[data-view=${view}]`);
  const selector = view === 'all' ? `#ex${ex} .stage .gather [role=grid]` : `#ex${ex} .stage .${view} [role=grid]`;
  await page.waitForSelector(selector);
}

/** The tools module in Node (shape, solve, translate, code), the same the page loads when a panel opens. */
export const tools = async () => (await import(pathToFileURL(resolve(siteDir, 'tconv.js')).href)).loadTools();
