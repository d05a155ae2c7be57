// check.mjs - open every page of the built book in headless Chromium, and fail on what a
// reader would stumble on.
//
//   node tools/book-check/check.mjs BOOK_DIR OUT_DIR
//
// For each BOOK_DIR/*.html it checks that every image loads, every internal link and
// anchor resolves, the page logs no error, maths is rendered as MathML (no TeX left
// over), and no code listing or program output is empty; and, at 390 and 1280 px, that
// the page does not scroll sideways, nothing outside a scrolling box leaves the text
// column, display maths is centred at full size, brackets stretch to what they hold,
// aligned rows line up, code lines of up to 96 characters show whole at 1280 px, and
// the maths font has loaded. It saves a full-page
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
  await checkLayoutAndMaths(page, report);
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

// Layout and maths, measured on the rendered boxes at a phone's width and a laptop's.
// Nothing may widen the page: the document is no wider than the window, and no element
// sticks out of the text column unless it sits inside a box that scrolls or clips
// (a code block, a table, a long equation). Display maths must look like display maths:
// centred in the column, fractions at full size, brackets as tall as the matrix or
// fraction they hold, and the rows of an `aligned` block lined up at "=".
async function checkLayoutAndMaths(page, report) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const found = await page.evaluate(measureLayoutAndMaths);
    for (const what of found) report(`at ${width} px: ${what}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Runs inside the page, once its fonts have loaded; returns a list of problems.
async function measureLayoutAndMaths() {
  await document.fonts.ready;
  const problems = [];
  if (document.querySelector('math') && ![...document.fonts].some((f) => f.family.includes('Book Math') && f.status === 'loaded')) {
    problems.push('the maths font (fonts/texgyredejavu-math.otf) did not load');
  }
  const slack = 1;  // px: rounding of sub-pixel boxes
  const describe = (el) => {
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return `<${el.localName}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}> "${text}"`;
  };
  const view = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > view + slack) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide in a ${view} px window)`);
  }

  // The text column: main's content box.
  const main = document.querySelector('main');
  if (!main) return problems;
  const box = main.getBoundingClientRect();
  const style = getComputedStyle(main);
  const left = box.left + parseFloat(style.paddingLeft);
  const right = box.right - parseFloat(style.paddingRight);
  const clips = (el) => getComputedStyle(el).overflowX !== 'visible';
  const stickingOut = new Set();
  for (const el of main.querySelectorAll('*')) {
    let inside = false;  // inside a box that scrolls or clips, or under one already reported
    for (let up = el.parentElement; up && up !== main; up = up.parentElement) {
      if (clips(up) || stickingOut.has(up)) { inside = true; break; }
    }
    if (inside) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > right + slack || r.left < left - slack) {
      stickingOut.add(el);
      problems.push(`${describe(el)} sticks out of the text column by ${Math.round(Math.max(r.right - right, left - r.left))} px`);
    }
  }

  // On a wide screen a code block shows whole lines: only lines longer than 96
  // characters (a long error message) may need the block's own scroll bar.
  if (view >= 1200) {
    for (const pre of main.querySelectorAll('pre')) {
      const longest = Math.max(...pre.textContent.split('\n').map((line) => line.length));
      if (pre.scrollWidth > pre.clientWidth + slack && longest <= 96) {
        problems.push(`a code block scrolls although its longest line has only ${longest} characters: ${describe(pre)}`);
      }
    }
  }

  // Display maths. The ink of an equation is the union of its visible descendants' boxes;
  // it is centred in the paragraph that holds it (the column that the prose uses).
  for (const math of main.querySelectorAll('math[display="block"]')) {
    const holder = math.parentElement.getBoundingClientRect();
    const center = (holder.left + holder.right) / 2;
    const parts = [...math.querySelectorAll('*')].filter((e) => e.localName !== 'annotation' && e.localName !== 'semantics')
      .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    if (parts.length === 0) continue;
    const inkLeft = Math.min(...parts.map((r) => r.left));
    const inkRight = Math.max(...parts.map((r) => r.right));
    const tex = (math.querySelector('annotation')?.textContent || describe(math)).replace(/\s+/g, ' ').slice(0, 50);
    // An equation wider than the column scrolls in its own box; only the others are centred.
    if (inkRight - inkLeft < holder.width - 4 && Math.abs((inkLeft + inkRight) / 2 - center) > 3) {
      problems.push(`display maths is not centred (${Math.round((inkLeft + inkRight) / 2 - center)} px off): ${tex}`);
    }
    const size = parseFloat(getComputedStyle(math).fontSize);
    for (const frac of math.querySelectorAll('mfrac')) {
      // A fraction at the top level of display maths keeps the full size (not script
      // size), unless the text asks for a small one (\tfrac: displaystyle="false").
      if (frac.closest('mstyle[displaystyle="false"]')) continue;
      const outer = frac.parentElement.closest('mfrac, msub, msup, msubsup, munder, mover, munderover, mtable');
      if (outer && math.contains(outer)) continue;
      const numerator = parseFloat(getComputedStyle(frac.firstElementChild).fontSize);
      if (numerator < size - 0.5) problems.push(`display maths is set at inline size (a fraction's numerator at ${numerator} px, not ${size} px): ${tex}`);
    }
    // A stretchy bracket beside a matrix or a fraction must grow to its height.
    for (const mo of math.querySelectorAll('mo[stretchy="true"]')) {
      const holdsTall = (s) => ['mtable', 'mfrac'].includes(s.localName) || s.querySelector('mtable, mfrac') !== null;
      const tall = [...mo.parentElement.children].filter((s) => s !== mo && holdsTall(s));
      if (tall.length === 0) continue;
      const need = Math.max(...tall.map((s) => s.getBoundingClientRect().height));
      const got = mo.getBoundingClientRect().height;
      if (got < 0.8 * need) problems.push(`the bracket "${mo.textContent}" does not stretch (${Math.round(got)} px beside ${Math.round(need)} px): ${tex}`);
    }
    // Rows of an aligned block: in a column marked columnalign="left" the cells start at
    // one x, in a "right" one they end at one x. A cell that starts (or ends) with an
    // operator such as "=" keeps the operator's spacing, so like is compared with like:
    // the "=" signs with each other, the other cells with each other.
    for (const table of math.querySelectorAll('mtable')) {
      const rows = [...table.children].filter((r) => r.localName === 'mtr');
      const columns = Math.max(0, ...rows.map((r) => r.children.length));
      for (let c = 0; c < columns; c++) {
        const cells = rows.map((r) => r.children[c]).filter((cell) => cell && cell.children.length > 0);
        const side = cells[0]?.getAttribute('columnalign');
        if (side !== 'left' && side !== 'right') continue;
        const groups = new Map();  // the kind of the edge piece -> edges
        for (const cell of cells) {
          const piece = side === 'left' ? cell.firstElementChild : cell.lastElementChild;
          const kind = piece.localName === 'mo' ? `mo ${piece.textContent}` : 'term';
          const ink = [...cell.children].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0);
          if (ink.length === 0) continue;
          const edge = side === 'left' ? Math.min(...ink.map((r) => r.left)) : Math.max(...ink.map((r) => r.right));
          groups.set(kind, [...(groups.get(kind) || []), edge]);
        }
        for (const [kind, edges] of groups) {
          const spread = Math.max(...edges) - Math.min(...edges);
          if (spread > slack) {
            problems.push(`the rows of an aligned block are not lined up (column ${c + 1}, ${kind === 'term' ? 'terms' : `"${kind.slice(3)}" signs`} ${Math.round(spread)} px apart): ${tex}`);
          }
        }
      }
    }
  }
  return problems;
}
