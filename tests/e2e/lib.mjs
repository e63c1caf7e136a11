// What every end-to-end test shares: the server's address (from the runner), Debian's
// Chromium through playwright-core, a page that records console errors and Content-Security-
// Policy violations, axe-core injected the way the policy allows, and a reader for the zip
// inside a Word document.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { axeSource, playwright } from './modules.mjs';

const { chromium } = playwright();

/** The server under test, as the runner started it (`run.mjs`). */
export const BASE = (() => {
  const url = process.env.JOBGEN_URL;
  if (!url) throw new Error('JOBGEN_URL is not set: run the tests with `node run.mjs`');
  return url.replace(/\/$/, '');
})();

/** The jobgen binary the server runs, for the command line's own output to compare with. */
export const BIN = process.env.JOBGEN_BIN;

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Chromium's flags on this machine: as root, with no network but loopback. */
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** axe-core's source, injected into pages with `page.evaluate` (a script tag would break the
 * policy). */
export const AXE_SOURCE = axeSource();

/**
 * Starts Chromium with a fresh profile (playwright makes a new empty user data directory for
 * every launch, and HOME is a new empty folder). Returns the browser and a function that
 * closes it and removes the folder.
 */
export async function launch() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jobgen-e2e-home-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    env: { ...process.env, HOME: home },
    timeout: 60_000,
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * A new page in a new context (`options` for the context: `javaScriptEnabled: false` and so
 * on) that records every console error, uncaught exception and Content-Security-Policy
 * violation in `page.problems`. `assertNoProblems(page)` fails a test on any of them.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.problems = [];
  page.on('console', (m) => {
    // GOV.UK Frontend's initAll catches a component that fails to start and logs the error
    // with console.log, not console.error.
    if (/^(GOVUKFrontend|Element|Support|Init|Config)Error\b/.test(m.text())) {
      page.problems.push(`GOV.UK Frontend: ${m.text()}`);
      return;
    }
    if (m.type() !== 'error') return;
    // A page served with an error status (the 404 page, a form with errors) is logged as a
    // failed load of the document itself: that is the page's status, not a problem in it.
    const own = m.location().url === page.url()
      && /^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text());
    if (!own) page.problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => page.problems.push(`uncaught: ${e}`));
  // The browser fires `securitypolicyviolation` on the document; report it through a binding,
  // installed before any script of the page runs (init scripts run even under the policy).
  // With JavaScript off nothing runs at all, but Chromium still logs each violation as a
  // console error, which the listener above records.
  await context.exposeBinding('__jobgenCspViolation', ({ page: p }, v) => {
    p.problems.push(`CSP violation: ${v}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // eslint-disable-next-line no-undef
      window.__jobgenCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return page;
}

/** Fails when the page logged a console error or the policy blocked anything. */
export function assertNoProblems(page, where = page.url()) {
  assert.deepEqual(page.problems, [], `problems on ${where}`);
}

/** Closes a page's context (and with it the page). */
export async function closePage(page) {
  await page.context().close();
}

/**
 * Runs axe-core's WCAG 2.2 A/AA rules on the page as it is now; returns the violations, each
 * as one readable line per node.
 */
export async function axeViolations(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`),
    }));
  }, WCAG_TAGS);
  return violations;
}

/** Fails on any axe-core violation, naming the rule and each element. */
export async function assertAccessible(page, where = page.url()) {
  const violations = await axeViolations(page);
  const text = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`);
  assert.deepEqual(text, [], `axe-core violations on ${where}`);
}

/**
 * The files inside a zip, by name, as buffers: enough of the format for the Word documents and
 * batch zips jobgen writes (stored or deflated entries, found through the central directory).
 */
export function unzip(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip: no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50, 'not a zip: bad central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    assert.equal(buffer.readUInt32LE(local), 0x04034b50, `not a zip: bad local header of ${name}`);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressed);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, zlib.inflateRawSync(data));
    else assert.fail(`zip entry ${name} uses compression method ${method}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The text of a Word document's body: its XML without tags, entities decoded. */
export function docxText(buffer) {
  const xml = unzip(buffer).get('word/document.xml');
  assert.ok(xml, 'the Word document has no word/document.xml');
  return xml.toString('utf8')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** A new empty folder, removed when the process ends. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
