// epub.mjs - check the EPUB from the inside: every internal link resolves, every id is
// unique in its file, and every figure's ids unique across the book.
//
//   node tools/book-check/epub.mjs build/book/neural-networks-in-c.epub
//
// An EPUB is a zip of XHTML, SVG and a package file. This reads the zip itself (Node's
// zlib, no other tool), and for every href, src and xlink:href in the documents, the
// package (OPF) and the table of contents, finds the file it names inside the EPUB and,
// for a #fragment, the element with that id. It also fails when a file uses an id twice,
// or two figures share one (gnuplot gives every figure the same ids; the build renames
// them, tools/svg-ids.sh). epubcheck validates the rest; this proves the links and ids
// in a way a reader of the script can follow. Exits 1 listing every problem.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { posix } from 'node:path';

// The files of a zip, name -> contents, from its central directory.
function readZip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const attribute = (name) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'g');
const values = (text, name) => [...text.matchAll(attribute(name))].map((m) => m[2] ?? m[3]);
const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const [epubPath] = process.argv.slice(2);
if (!epubPath) {
  console.error('usage: node tools/book-check/epub.mjs BOOK.epub');
  process.exit(2);
}
const files = readZip(readFileSync(epubPath));
const markup = [...files.keys()].filter((f) => /\.(x?html|svg|opf|ncx)$/.test(f));
const problems = [];
const idsOf = new Map();        // file -> Set of its ids
const figureIds = new Map();    // id in a figure (SVG) -> the figure that has it
for (const file of markup) {
  const ids = new Set();
  for (const id of values(files.get(file).toString('utf8'), 'id').map(decode)) {
    if (ids.has(id)) problems.push(`${file}: id "${id}" is used twice in this file`);
    ids.add(id);
    if (!file.endsWith('.svg')) continue;
    if (figureIds.has(id) && figureIds.get(id) !== file) problems.push(`${file}: id "${id}" is also in ${figureIds.get(id)}`);
    figureIds.set(id, file);
  }
  idsOf.set(file, ids);
}

let links = 0;
for (const file of markup) {
  const text = files.get(file).toString('utf8');
  const refs = ['href', 'src', 'xlink:href'].flatMap((name) => values(text, name));
  for (const ref of refs.map(decode)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) continue; // http:, mailto:, data: - not in the book
    links++;
    const [path, fragment] = ref.split('#');
    const target = path === '' ? file : posix.normalize(posix.join(posix.dirname(file), decodeURIComponent(path)));
    if (!files.has(target)) { problems.push(`${file}: link to a file not in the EPUB: ${ref}`); continue; }
    if (fragment && idsOf.has(target) && !idsOf.get(target).has(decodeURIComponent(fragment))) {
      problems.push(`${file}: link to a missing anchor: ${ref}`);
    }
  }
}

if (problems.length) {
  console.error(`epub.mjs: ${problems.length} problem(s) in ${epubPath}:`);
  for (const p of problems.slice(0, 40)) console.error(`  ${p}`);
  if (problems.length > 40) console.error(`  ... and ${problems.length - 40} more`);
  process.exit(1);
}
console.log(`epub.mjs: ${files.size} files, ${links} internal links resolve, ${figureIds.size} figure ids, each used once`);
