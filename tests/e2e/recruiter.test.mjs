// A recruiter's journeys through the advert form in Chromium: the DevOps SEO Home Office
// advert made, previewed, bookmarked and downloaded in every format; a mistake found through
// the error summary and fixed; the same with JavaScript off; and with the keyboard only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  BASE, assertNoProblems, closePage, docxText, launch, newPage,
} from './lib.mjs';
import {
  CHOICES, advertTitle, choose, cliFiles, fields, fillDetails, fillExample,
} from './form.mjs';
import { STEM } from './vacancy.mjs';

let chrome;
let title;
before(async () => {
  chrome = await launch();
  title = advertTitle();
});
after(async () => { await chrome?.close(); });

/** The text of the advert in the preview. */
async function previewText(page) {
  return (await page.locator('.app-preview').innerText()).trim();
}

/** Fills in the example (with `complete`, every field the Civil Service Jobs export needs
 * too), submits, and checks the preview is there with the advert's title. */
async function makeExample(page, { complete = false } = {}) {
  await page.goto(`${BASE}/`);
  await fillExample(page);
  if (complete) await fillDetails(page);
  await fields(page).submit.click();
  await page.waitForURL(/\/advert\?/);
  await assertPreview(page);
}

async function assertPreview(page) {
  await assert.doesNotReject(
    page.getByRole('heading', { name: title, exact: true }).first().waitFor(),
    `the preview at ${page.url()} shows the advert's title "${title}"`,
  );
}

/** The preview's download links (GOV.UK buttons made of links): the format each asks for
 * (`format=`), the link and its text. */
async function downloadLinks(page) {
  const links = page.locator('a[href*="/advert/download?"]');
  const n = await links.count();
  const out = [];
  for (let i = 0; i < n; i++) {
    const link = links.nth(i);
    const href = await link.getAttribute('href');
    const format = new URL(href, BASE).searchParams.get('format');
    out.push({ format, link, name: (await link.innerText()).trim() });
  }
  return out;
}

/** Clicks `link` and waits for the download it starts; returns its name and bytes. A link
 * that answers with a page instead fails at once, with the page's problems. */
async function download(page, link) {
  const href = new URL(await link.getAttribute('href'), BASE).href;
  const head = await page.request.get(href);
  const disposition = head.headers()['content-disposition'] ?? '';
  if (!/^attachment/.test(disposition)) {
    const summary = (await head.text()).match(/<ul class="govuk-list govuk-error-summary__list">[\s\S]*?<\/ul>/)?.[0]
      ?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.fail(`${href} gives no file (status ${head.status()}): ${summary ?? 'no error summary'}`);
  }
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(await dl.failure(), null, `download of ${dl.suggestedFilename()}`);
  const stream = await dl.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { name: dl.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

test('a recruiter makes, bookmarks and downloads the DevOps SEO Home Office advert in every format', async () => {
  const page = await newPage(chrome.browser);
  try {
    await makeExample(page, { complete: true });
    const shown = await previewText(page);
    // The address carries the whole vacancy: opened in a new browser, it shows the same advert.
    const bookmark = page.url();
    const other = await newPage(chrome.browser);
    try {
      await other.goto(bookmark);
      await assertPreview(other);
      assert.equal(await previewText(other), shown, 'the bookmarked preview shows the same advert');
      assertNoProblems(other);
    } finally {
      await closePage(other);
    }

    const links = await downloadLinks(page);
    const formats = links.map((l) => l.format);
    assert.ok(formats.includes('docx'), `a Word download among ${formats}`);
    // The Word document through its link: a zip whose document has the advert's heading.
    const word = links.find((l) => l.format === 'docx');
    const docx = await download(page, word.link);
    assert.equal(docx.name, `${STEM}.docx`);
    assert.ok(docxText(docx.bytes).includes(title), `word/document.xml has the heading "${title}"`);
    // Every format: the file name and bytes the command line writes for the same vacancy.
    const expected = cliFiles(formats, { complete: true });
    const got = new Map();
    for (const l of links) {
      const file = await download(page, l.link);
      assert.ok(file.bytes.length > 0, `${file.name} (${l.name}) is empty`);
      got.set(file.name, file.bytes);
    }
    assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), 'the downloads are named as the command line names the files');
    for (const [name, bytes] of expected) {
      assert.ok(got.get(name).equals(bytes), `${name}: the download's bytes are the command line's`);
    }
    assertNoProblems(page);
  } finally {
    await closePage(page);
  }
});

/** The closing date's day field, inside the date input's group. */
function closingDay(page) {
  return page.getByRole('group', { name: /closing date/i }).getByLabel('Day');
}

/** Types 31 February 2027 as the closing date. */
async function typeImpossibleDate(page) {
  const group = page.getByRole('group', { name: /closing date/i });
  await group.getByLabel('Day').fill('31');
  await group.getByLabel('Month').fill('2');
  await group.getByLabel('Year').fill('2027');
}

/**
 * The error summary after a mistake: shown, focused when JavaScript runs, with a link to the
 * field that moves the focus there; fixing the value gives the preview.
 */
async function mistakeAndFix(page, { javascript }) {
  await page.goto(`${BASE}/`);
  await fillExample(page);
  await typeImpossibleDate(page);
  await fields(page).submit.click();
  await page.waitForLoadState('load');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  assert.match(await summary.innerText(), /closing date/i);
  if (javascript) {
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
  }
  // Nothing typed is lost.
  assert.equal(await closingDay(page).inputValue(), '31');
  assert.equal(await fields(page).grade.inputValue(), 'SEO');
  // The summary's link takes the person to the field.
  await summary.getByRole('link', { name: /closing date/i }).click();
  if (javascript) {
    await assert.doesNotReject(closingDay(page).evaluate((el) => {
      if (document.activeElement !== el) throw new Error(`focus is on ${document.activeElement?.outerHTML.slice(0, 120)}`);
    }), 'the link focuses the day field');
  } else {
    // Without JavaScript the link goes to the field's id: the field is the page's target.
    assert.equal(new URL(page.url()).hash, `#${await closingDay(page).getAttribute('id')}`);
  }
  await assert.doesNotReject(closingDay(page).evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) throw new Error('the field is out of view');
  }), 'the field is in view');
  // The inline message at the field.
  assert.match(await page.getByRole('group', { name: /closing date/i }).innerText(), /Error:/);
  await closingDay(page).fill('28');
  await fields(page).submit.click();
  // The page with the mistake had an /advert? address too: wait for the one with the fix.
  await page.waitForURL((u) => u.searchParams.get('closing_date-day') === '28');
  await assertPreview(page);
  assert.equal(await page.getByRole('alert').filter({ hasText: 'There is a problem' }).count(), 0);
  assertNoProblems(page);
}

test('a mistake is shown in the error summary, whose link leads to the field; fixed, the preview appears', async () => {
  const page = await newPage(chrome.browser);
  try {
    await mistakeAndFix(page, { javascript: true });
  } finally {
    await closePage(page);
  }
});

test('with JavaScript off, the advert is made, downloaded and a mistake fixed', async () => {
  const page = await newPage(chrome.browser, { javaScriptEnabled: false });
  try {
    await makeExample(page);
    // GOV.UK Frontend's inline check marks the body when the page's scripts run.
    assert.equal(await page.evaluate(() => document.body.className.includes('govuk-frontend-supported')), false, 'scripts are off in this page');
    const word = (await downloadLinks(page)).find((l) => l.format === 'docx');
    assert.ok(word, 'a Word download link');
    const docx = await download(page, word.link);
    assert.ok(docxText(docx.bytes).includes(title));
    await mistakeAndFix(page, { javascript: false });
  } finally {
    await closePage(page);
  }
});

/** What has the focus: its tag, id, label and text, for messages and checks. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id,
      type: el?.getAttribute('type'),
      name: el?.getAttribute('name'),
      checked: el?.checked,
      label: (el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? '').trim(),
      text: (el?.textContent ?? '').trim().slice(0, 80),
      value: el?.value,
    };
  });
}

/** Presses Tab until `want(focused)` holds; fails after `max` presses. */
async function tabTo(page, want, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (want(await focused(page))) return;
  }
  assert.fail(`${max} presses of Tab never reached ${what}`);
}

/** On a focused select, presses ArrowDown until the chosen option's text or value matches. */
async function arrowTo(page, want, max = 200) {
  for (let i = 0; i < max; i++) {
    const current = await page.evaluate(() => {
      const el = document.activeElement;
      return { value: el.value, text: el.selectedOptions?.[0]?.textContent.trim() };
    });
    if (current.value === want || current.text === want) return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`ArrowDown never chose ${want}`);
}

test('keyboard only: the skip link comes first, and the form is completed and submitted', async () => {
  const page = await newPage(chrome.browser);
  try {
    await page.goto(`${BASE}/`);
    await page.keyboard.press('Tab');
    const first = await focused(page);
    assert.equal(first.text, 'Skip to main content', 'the first Tab reaches the skip link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    for (const [label, want] of [['Department', 'Home Office'], ['Role and level', CHOICES.level.value], ['Grade', CHOICES.grade]]) {
      await tabTo(page, (f) => f.tag === 'select' && f.label === label, `the ${label} select`);
      await arrowTo(page, want);
    }
    // A date, typed field by field.
    await tabTo(page, (f) => f.name === 'closing_date-day', 'the closing date');
    await page.keyboard.type('28');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2027');
    // A text field.
    await tabTo(page, (f) => f.tag === 'input' && f.label === 'Location', 'the location');
    await page.keyboard.type('Sheffield');
    // A radio: the arrows move along the group, Space chooses.
    await tabTo(page, (f) => f.type === 'radio' && f.name === 'experience_assessed', 'the experience radios');
    for (let i = 0; i < 3 && (await focused(page)).value !== 'yes'; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    assert.deepEqual(await focused(page).then((f) => [f.value, f.checked]), ['yes', true]);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Preview the advert', 'the submit button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/advert\?/);
    await assertPreview(page);
    const sent = new URL(page.url()).searchParams;
    assert.deepEqual(
      ['org', 'level', 'grade', 'closing_date-day', 'closing_date-month', 'closing_date-year', 'location', 'experience_assessed'].map((k) => sent.get(k)),
      ['home-office', CHOICES.level.value, 'SEO', '28', '1', '2027', 'Sheffield', 'yes'],
    );
    assert.match(await previewText(page), /Sheffield/);
    assert.equal(await fields(page).grade.inputValue(), 'SEO');
    assertNoProblems(page);
  } finally {
    await closePage(page);
  }
});

// The choice helper itself fails on an option that is not there, so a renamed option cannot
// pass unnoticed.
test('choosing an option that is not there fails, naming the options', async () => {
  const page = await newPage(chrome.browser);
  try {
    await page.goto(`${BASE}/`);
    await assert.rejects(choose(fields(page).grade, 'NO-SUCH-GRADE'), /no option NO-SUCH-GRADE/);
  } finally {
    await closePage(page);
  }
});
