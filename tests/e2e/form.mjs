// How a person uses the advert form, found by labels and accessible names as they read them:
// choosing the department, role, level and grade, submitting, and what the command line makes
// of the same vacancy to compare with.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, tempDir } from './lib.mjs';
import {
  CLI_ARGS, CLOSING_DATE, DETAILS, vacancyYaml,
} from './vacancy.mjs';

/**
 * Selects, in the select `locator`, the option whose value is `want` or whose text is `want`
 * (a string or RegExp), within the option group whose label matches `group` when given; fails
 * naming the options there are.
 */
export async function choose(locator, want, group) {
  const options = await locator.evaluate((el) => [...el.options].map((o) => ({
    value: o.value, text: o.textContent.trim(), group: o.parentElement.tagName === 'OPTGROUP' ? o.parentElement.label : null,
  })));
  const matches = (text, w) => (w instanceof RegExp ? w.test(text) : text === w);
  const inGroup = options.filter((o) => !group || (o.group !== null && matches(o.group, group)));
  const hit = inGroup.find((o) => o.value === want) ?? inGroup.find((o) => matches(o.text, want));
  const shown = (inGroup.length ? inGroup : options).map((o) => (o.group ? `${o.group}: ${o.text}` : o.text));
  assert.ok(hit, `no option ${want}${group ? ` in group ${group}` : ''} among ${JSON.stringify(shown.slice(0, 20))}${shown.length > 20 ? ` and ${shown.length - 20} more` : ''}`);
  await locator.selectOption(hit.value);
}

/** The form's controls, by their labels. */
export function fields(page) {
  return {
    department: page.getByLabel('Department', { exact: true }),
    level: page.getByLabel('Role and level', { exact: true }),
    grade: page.getByLabel('Grade', { exact: true }),
    submit: page.getByRole('button', { name: 'Preview the advert', exact: true }),
  };
}

/** The example's choices: the label (or option group and option text) a person picks. */
export const CHOICES = {
  department: 'Home Office',
  level: { group: /^Development operations \(DevOps\) engineer \(/, text: 'DevOps engineer', value: 'devops-engineer/devops-engineer' },
  grade: 'SEO',
};

/** Fills in the example vacancy: Home Office, DevOps engineer at the level devops-engineer, SEO. */
export async function fillExample(page) {
  const f = fields(page);
  await choose(f.department, CHOICES.department);
  await choose(f.level, CHOICES.level.text, CHOICES.level.group);
  assert.equal(await f.level.inputValue(), CHOICES.level.value);
  await choose(f.grade, CHOICES.grade);
}

/** Fills in the rest of the vacancy (DETAILS and the closing date), by the fields' labels. */
export async function fillDetails(page) {
  for (const d of DETAILS) {
    const field = page.getByLabel(d.label, { exact: true });
    if (d.select) await choose(field, d.value);
    else await field.fill(d.value);
  }
  const date = page.getByRole('group', { name: 'Closing date' });
  await date.getByLabel('Day').fill(CLOSING_DATE.day);
  await date.getByLabel('Month').fill(CLOSING_DATE.month);
  await date.getByLabel('Year').fill(CLOSING_DATE.year);
}

/**
 * The command line's files in `formats`, by file name: for the example (the selects alone), or
 * with `complete` for the whole vacancy (`fillDetails`) given as a vacancy file.
 */
export function cliFiles(formats, { complete = false } = {}) {
  assert.ok(BIN, 'JOBGEN_BIN is not set: run the tests with `node run.mjs`');
  const out = tempDir('jobgen-e2e-cli-');
  let input = CLI_ARGS;
  if (complete) {
    const file = path.join(out, 'vacancy.yaml');
    fs.writeFileSync(file, vacancyYaml());
    input = ['--vacancy', file];
  }
  execFileSync(BIN, ['generate', ...input, '--format', formats.join(','), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Map(fs.readdirSync(out).filter((f) => !f.startsWith('.') && f !== 'vacancy.yaml')
    .map((f) => [f, fs.readFileSync(path.join(out, f))]));
}

/** The advert's title: the first heading of the command line's Markdown. */
export function advertTitle() {
  const [md] = [...cliFiles(['md']).values()];
  const heading = md.toString('utf8').split('\n').find((l) => l.startsWith('# '));
  assert.ok(heading, 'the Markdown has no heading');
  return heading.slice(2).replace(/\\(.)/g, '$1').trim();
}
