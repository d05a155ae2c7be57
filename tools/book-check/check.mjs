// check.mjs - open every page of the built book in headless Chromium, and fail on what a
// reader would stumble on.
//
//   node tools/book-check/check.mjs BOOK_DIR OUT_DIR
//
// For each BOOK_DIR/*.html it checks that every image loads, every internal link and
// anchor resolves, the page logs no error, maths is rendered as MathML (no TeX left
// over), and no code listing or program output is empty. It saves a full-page
// screenshot of each page in OUT_DIR, and exits 1 listing every problem found.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [bookDir = 'build/book', outDir = 'build/book-check'] = process.argv.slice(2);
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!executablePath) {
  console.error('book-check: Chromium is not installed');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
const pages = readdirSync(bookDir).filter((f) => f.endsWith('.html') && f !== 'print.html').sort();
if (pages.length === 0) {
  console.error(`book-check: no pages in ${bookDir}; run make book first`);
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const problems = [];
const ids = new Map();   // page file name -> Set of element ids, to check #anchors
const linksOf = [];      // [page file name, hrefs], checked once every page is known

for (const name of pages) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const report = (what) => problems.push(`${name}: ${what}`);
  page.on('console', (msg) => { if (msg.type() === 'error') report(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => report(`page error: ${err.message}`));
  page.on('requestfailed', (req) => report(`failed to load ${req.url()}: ${req.failure()?.errorText}`));

  await page.goto(pathToFileURL(resolve(bookDir, name)).href, { waitUntil: 'load' });
  const facts = await page.evaluate(() => ({
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    images: [...document.images].map((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 })),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    math: document.querySelectorAll('math').length,
    texLeft: [...document.querySelectorAll('span.math')].map((s) => s.textContent.slice(0, 60)),
    dollars: (document.querySelector('main')?.innerText.match(/\$[^$\n]{1,40}\\[a-z]+/g) || []),
    emptyCode: [...document.querySelectorAll('.listing pre, .program-output pre')]
      .filter((pre) => pre.textContent.trim() === '').length,
    listings: document.querySelectorAll('.listing pre').length,
  }));
  ids.set(name, new Set(facts.ids));
  for (const img of facts.images) if (!img.ok) report(`image does not load: ${img.src}`);
  for (const tex of facts.texLeft) report(`maths not rendered as MathML: ${tex}`);
  for (const tex of facts.dollars) report(`TeX left in the text: ${tex}`);
  if (facts.emptyCode) report(`${facts.emptyCode} empty code listing(s) or output(s)`);
  linksOf.push([name, facts.links]);
  await page.screenshot({ path: join(outDir, name.replace(/\.html$/, '.png')), fullPage: true });
  console.log(`${name}: ${facts.images.length} images, ${facts.links.length} links, ${facts.math} maths, ${facts.listings} listings`);
  await page.close();
}
await browser.close();

// Links are checked once every page's ids are known.
for (const [name, links] of linksOf) {
  for (const href of links) {
    if (/^(https?|mailto):/.test(href)) continue; // the book is read offline; not fetched
    const [file, anchor] = href.split('#');
    const target = file === '' ? name : file;
    const path = resolve(bookDir, target);
    if (!existsSync(path)) { problems.push(`${name}: link to a missing page: ${href}`); continue; }
    if (anchor) {
      const known = ids.get(target);
      if (known && !known.has(decodeURIComponent(anchor))) problems.push(`${name}: link to a missing anchor: ${href}`);
    }
  }
}

if (problems.length) {
  console.error(`book-check: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`book-check: ${pages.length} pages checked, screenshots in ${outDir}/`);
