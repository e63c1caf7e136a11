// How a person uses the advert form, found by labels and accessible names as they read them:
// choosing the department, role, level and grade, submitting, and what the command line makes
// of the same vacancy to compare with.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, tempDir } from './lib.mjs';
import { CLI_ARGS } from './vacancy.mjs';

/**
 * Selects, in the select `locator`, the option whose value is `want` or whose text matches
 * it (a string or RegExp); fails naming the options there are.
 */
export async function choose(locator, want) {
  const options = await locator.evaluate((el) => [...el.options].map((o) => ({ value: o.value, text: o.textContent.trim() })));
  const hit = options.find((o) => o.value === want)
    ?? options.find((o) => (want instanceof RegExp ? want.test(o.text) : o.text === want));
  assert.ok(hit, `no option ${want} in ${JSON.stringify(options.map((o) => o.text))}`);
  await locator.selectOption(hit.value);
}

/** The form's controls, by their labels. */
export function fields(page) {
  return {
    department: page.getByLabel(/^Department/),
    role: page.getByLabel(/^Role/),
    level: page.getByLabel(/^Level/),
    grade: page.getByLabel(/^Grade/),
    submit: page.getByRole('button', { name: /^(Preview|Make|Write|Show)/ }),
  };
}

/** Fills in the example vacancy: Home Office, DevOps engineer, level devops-engineer, SEO. */
export async function fillExample(page) {
  const f = fields(page);
  await choose(f.department, 'Home Office');
  await choose(f.role, 'DevOps engineer');
  await choose(f.level, 'devops-engineer');
  await choose(f.grade, 'SEO');
}

/** The command line's files for the example vacancy in `formats`, by file name. */
export function cliFiles(formats) {
  assert.ok(BIN, 'JOBGEN_BIN is not set: run the tests with `node run.mjs`');
  const out = tempDir('jobgen-e2e-cli-');
  execFileSync(BIN, ['generate', ...CLI_ARGS, '--format', formats.join(','), '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Map(fs.readdirSync(out).filter((f) => !f.startsWith('.'))
    .map((f) => [f, fs.readFileSync(path.join(out, f))]));
}

/** The advert's title: the first heading of the command line's Markdown. */
export function advertTitle() {
  const [md] = [...cliFiles(['md']).values()];
  const heading = md.toString('utf8').split('\n').find((l) => l.startsWith('# '));
  assert.ok(heading, 'the Markdown has no heading');
  return heading.slice(2).replace(/\\(.)/g, '$1').trim();
}
