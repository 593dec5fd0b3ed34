// Headless Chromium for the browser tests: Debian's chromium driven by playwright-core, with the
// flags this sandbox needs and the fonts of a fresh Debian machine only (fonts.conf: DejaVu), so
// that a layout that fits here fits there. Collects console errors, page errors and CSP violations.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const fontconfig = resolve(dirname(fileURLToPath(import.meta.url)), 'fonts.conf');

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
    env: { ...process.env, FONTCONFIG_FILE: process.env.TCONV_FONTCONFIG ?? fontconfig },
  });
}

/** A new page whose problems land in `page.problems`: console errors, page errors, CSP violations. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  await page.exposeFunction('__reportCspViolation', (text) => page.problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`),
    );
  });
  return page;
}
