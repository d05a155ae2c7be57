// features.mjs - check the book's search box, dark theme and header links in headless
// Chromium, from file:// as a reader who downloaded the book would open it.
//
//   node tools/book-check/features.mjs BOOK_DIR OUT_DIR
//
// - Every page links the EPUB, and the PDF exactly when the PDF was made; no page shows
//   an empty "On this page" box.
// - Search: typing words in the box on the preface lists sections, the first of which
//   links to the page and heading that hold them; Enter opens it there. A word found
//   nowhere says so. The open list does not widen the page at 390 pixels.
// - Themes: with colorScheme 'light' the page is light, with 'dark' it is dark, and in
//   both the text, links, navigation, code and search box keep a contrast of at least
//   4.5:1 (WCAG AA) against what is behind them.
// - Deep dives (book/filters/book.lua): on every page that has one, in the light theme
//   at 1280 pixels and the dark one at 390, each shows its label under its heading,
//   has a rule down its left side, keeps its label at 4.5:1, and stays inside the text
//   column without widening the page.
// Screenshots: OUT_DIR/search.png, OUT_DIR/dark.png and OUT_DIR/deep-dive-*.png. Exits 1 listing every problem.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [bookDir = 'build/book', outDir = 'build/book-check'] = process.argv.slice(2);
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!executablePath) {
  console.error('features.mjs: Chromium is not installed');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
const url = (name) => pathToFileURL(resolve(bookDir, name)).href;
const pages = readdirSync(bookDir).filter((f) => f.endsWith('.html') && f !== 'print.html').sort();
const hasPdf = readdirSync(bookDir).some((f) => f.endsWith('.pdf'));
const problems = [];

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

// The header's links to the whole book, and no empty table of contents.
async function checkHeader(page, name) {
  const facts = await page.evaluate(() => ({
    epub: document.querySelectorAll('header.site a[href$=".epub"]').length,
    pdf: document.querySelectorAll('header.site a[href$=".pdf"]').length,
    emptyToc: [...document.querySelectorAll('nav.toc')].filter((n) => !n.querySelector('a')).length,
  }));
  if (facts.epub !== 1) problems.push(`${name}: ${facts.epub} links to the EPUB in the header (want 1)`);
  if (facts.pdf !== (hasPdf ? 1 : 0)) {
    problems.push(`${name}: ${facts.pdf} links to the PDF, but the PDF ${hasPdf ? 'is' : 'is not'} in ${bookDir}`);
  }
  if (facts.emptyToc) problems.push(`${name}: an empty "On this page" box`);
}

// Type a query, and return the result links shown (href and title).
async function searchFor(page, query) {
  await page.fill('#search', '');
  await page.type('#search', query);
  return page.evaluate(() => {
    const list = document.getElementById('search-results');
    if (!list || list.hidden) return null;
    return {
      links: [...list.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), title: a.querySelector('strong')?.textContent })),
      text: list.textContent,
    };
  });
}

async function checkSearch() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => problems.push(`search: page error: ${err.message}`));
  await page.goto(url('index.html'));
  const query = 'central differences', want = '05-backpropagation.html#central-differences';
  const shown = await searchFor(page, query);
  if (!shown || shown.links.length === 0) {
    problems.push(`search: typing "${query}" on index.html lists no result`);
  } else {
    if (shown.links[0].href !== want) {
      problems.push(`search: the first result for "${query}" links to ${shown.links[0].href}, not ${want}`);
    }
    await page.screenshot({ path: join(outDir, 'search.png') });
    await page.press('#search', 'Enter');
    await page.waitForLoadState('load');
    const at = new URL(page.url());
    const arrived = at.pathname.split('/').pop() + at.hash;
    if (arrived !== want) problems.push(`search: Enter opened ${arrived}, not ${want}`);
    else if (!(await page.$('#central-differences'))) problems.push(`search: ${want} has no such heading`);
  }
  const nothing = await searchFor(page, 'qqzzxq');
  if (!nothing || nothing.links.length !== 0 || !/No section contains/.test(nothing.text)) {
    problems.push('search: a word found nowhere does not say "No section contains"');
  }
  await page.close();

  const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await phone.goto(url('index.html'));
  const open = await searchFor(phone, 'sigmoid');
  const widths = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (!open || open.links.length === 0) problems.push('search: "sigmoid" lists nothing at 390 px');
  if (widths[0] > widths[1]) problems.push(`search: the open results widen the page at 390 px (${widths[0]} px)`);
  await phone.close();
}

// Contrast ratios (WCAG) of a few kinds of text against the background behind each.
async function contrasts(page) {
  return page.evaluate(() => {
    const rgb = (css) => (css.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
      const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const ratio = (el) => {
      const a = luminance(rgb(getComputedStyle(el).color)), b = luminance(background(el));
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    const kinds = {
      'body text': 'main > p', 'a link': 'main > p a, nav.toc a', 'the chapter list': 'nav.chapters li:not(.current) a',
      'the current chapter': 'nav.chapters li.current a', 'a code keyword': 'pre code span.kw',
      'a code comment': 'pre code span.co', 'a number in code': 'pre code span.dv',
      'a string in code': 'pre code span.st', 'program output': '.program-output pre',
      'the search box': '#search', 'a heading': 'main h2',
    };
    const out = { page: luminance(background(document.body)), ratios: {} };
    for (const [kind, selector] of Object.entries(kinds)) {
      const el = document.querySelector(selector);
      out.ratios[kind] = el ? ratio(el) : null;
    }
    return out;
  });
}

async function checkTheme(scheme) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(url('05-backpropagation.html'));
  const { page: lum, ratios } = await contrasts(page);
  if (scheme === 'dark' && lum > 0.05) problems.push(`dark theme: the page background is not dark (luminance ${lum.toFixed(2)})`);
  if (scheme === 'light' && lum < 0.8) problems.push(`light theme: the page background is not light (luminance ${lum.toFixed(2)})`);
  for (const [kind, r] of Object.entries(ratios)) {
    if (r === null) problems.push(`${scheme} theme: no ${kind} on 05-backpropagation.html to measure`);
    else if (r < 4.5) problems.push(`${scheme} theme: ${kind} has a contrast of ${r.toFixed(2)}:1 (want 4.5:1)`);
  }
  if (scheme === 'dark') await page.screenshot({ path: join(outDir, 'dark.png') });
  console.log(`features: ${scheme} theme, background luminance ${lum.toFixed(2)}, contrast ` +
    Object.entries(ratios).map(([k, r]) => `${k} ${r?.toFixed(1)}`).join(', '));
  await context.close();
}

// Deep dives: the label, the rule, the label's contrast, and the box inside the column.
const DEEP_DIVE_LABEL = 'You can skip this deep dive: nothing later in the book depends on it.';
const diving = pages.filter((name) => readFileSync(join(bookDir, name), 'utf8').includes('class="deep-dive"'));

async function checkDeepDives(scheme, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  let shot = false;
  for (const name of diving) {
    await page.goto(url(name));
    const boxes = await page.evaluate((label) => {
      const rgb = (css) => (css.match(/[\d.]+/g) || []).map(Number);
      const luminance = ([r, g, b]) => {
        const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const main = document.querySelector('main').getBoundingClientRect();
      return [...document.querySelectorAll('main .deep-dive')].map((box) => {
        const heading = box.firstElementChild;
        const tag = box.querySelector(':scope > .deep-dive-label');
        const r = box.getBoundingClientRect();
        const facts = {
          id: box.id || heading?.id || '(no id)',
          heading: heading && /^H[23]$/.test(heading.tagName) && /^Deep dive: /.test(heading.textContent),
          label: tag ? tag.innerText.replace(/\s+/g, ' ').trim() : null,
          labelAfterHeading: !!tag && tag.previousElementSibling === heading,
          rule: parseFloat(getComputedStyle(box).borderLeftWidth),
          inside: r.left >= main.left - 1 && r.right <= main.right + 1,
          contrast: null,
        };
        if (tag) {
          const a = luminance(rgb(getComputedStyle(tag).color)), b = luminance(background(tag));
          facts.contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          facts.visible = tag.getBoundingClientRect().height > 0 && getComputedStyle(tag).visibility !== 'hidden';
        }
        facts.label = facts.label === label && facts.visible ? 'ok' : facts.label;
        return facts;
      });
    }, DEEP_DIVE_LABEL);
    const where = `${name} (${scheme}, ${width} px)`;
    if (boxes.length === 0) problems.push(`deep dive: ${where} has none on screen`);
    for (const b of boxes) {
      if (!b.heading) problems.push(`deep dive: ${where} #${b.id} does not open with a "Deep dive: ..." heading`);
      if (b.label !== 'ok') problems.push(`deep dive: ${where} #${b.id} does not show the label "${DEEP_DIVE_LABEL}" (found ${JSON.stringify(b.label)})`);
      else if (!b.labelAfterHeading) problems.push(`deep dive: ${where} #${b.id}: the label is not right under the heading`);
      if (!(b.rule >= 3)) problems.push(`deep dive: ${where} #${b.id} has no rule down its left side (border ${b.rule} px)`);
      if (!b.inside) problems.push(`deep dive: ${where} #${b.id} sticks out of the text column`);
      if (b.contrast !== null && b.contrast < 4.5) problems.push(`deep dive: ${where} #${b.id}: the label has a contrast of ${b.contrast.toFixed(2)}:1 (want 4.5:1)`);
    }
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (widths[0] > widths[1]) problems.push(`deep dive: ${where} scrolls sideways (${widths[0]} px)`);
    if (!shot && boxes.length) {
      await page.evaluate(() => document.querySelector('main .deep-dive').scrollIntoView());
      await page.screenshot({ path: join(outDir, `deep-dive-${scheme}-${width}.png`) });
      shot = true;
    }
  }
  await context.close();
}

const page = await browser.newPage();
for (const name of pages) {
  await page.goto(url(name));
  await checkHeader(page, name);
}
await page.close();
await checkSearch();
await checkTheme('light');
await checkTheme('dark');
if (diving.length === 0) problems.push('deep dive: no page has one (chapters 2, 3 and 6 do)');
await checkDeepDives('light', 1280);
await checkDeepDives('dark', 390);
await browser.close();

if (problems.length) {
  console.error(`features.mjs: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`features: ${pages.length} pages link the EPUB${hasPdf ? ' and the PDF' : ''}; search and both themes work; ` +
  `the deep dives of ${diving.length} pages show their label`);
