// The batch page in Chromium: every level of the DevOps role for the Home Office, downloaded
// as one zip through the form, holds what `jobgen batch` writes for the same choices: the same
// file names and the same bytes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  BASE, BIN, assertNoProblems, closePage, launch, newPage, tempDir, unzip,
} from './lib.mjs';
import { choose } from './form.mjs';

let chrome;
before(async () => { chrome = await launch(); });
after(async () => { await chrome?.close(); });

/** Every file under `dir` (dot files left out: the command line's own records), by path. */
function filesUnder(dir, prefix = '') {
  const out = new Map();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix + entry.name;
    if (entry.isDirectory()) for (const [k, v] of filesUnder(path.join(dir, entry.name), `${rel}/`)) out.set(k, v);
    else out.set(rel, fs.readFileSync(path.join(dir, entry.name)));
  }
  return out;
}

test('the batch page gives a zip of what jobgen batch writes for every level of a role', async () => {
  const page = await newPage(chrome.browser);
  try {
    await page.goto(`${BASE}/batch`);
    await choose(page.getByLabel('Department', { exact: true }), 'Home Office');
    await choose(page.getByLabel('Role', { exact: true }), 'devops-engineer');
    await page.getByRole('checkbox', { name: 'Word document', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Web page', exact: true }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the zip' }).click(),
    ]);
    assert.equal(await download.failure(), null);
    assert.match(download.suggestedFilename(), /\.zip$/);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const zipped = unzip(Buffer.concat(chunks));

    const out = tempDir('jobgen-e2e-batch-');
    execFileSync(BIN, ['batch', '--role', 'devops-engineer', '--org', 'home-office', '--format', 'md,html,docx', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    const written = filesUnder(out);
    assert.ok(written.size > 9, `jobgen batch wrote ${written.size} files`);
    assert.deepEqual([...zipped.keys()].sort(), [...written.keys()].sort(), 'the zip holds the files jobgen batch writes');
    for (const [name, bytes] of written) {
      assert.ok(zipped.get(name).equals(bytes), `${name}: the zip's bytes are jobgen batch's`);
    }
    assertNoProblems(page);
  } finally {
    await closePage(page);
  }
});
