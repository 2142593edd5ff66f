// extract.mjs reads the locale data of an unpacked @faker-js/faker package and
// writes deduplicated word lists, one entry a line, sorted, ASCII-lowercased
// (only A-Z are folded, so byte offsets of non-ASCII letters never move):
//   given.txt    given names (first_name, middle_name of every locale)
//   surname.txt  surnames (last_name of every locale)
//   city.txt     city names (city_name of every locale), whole, single-spaced
//   street.txt   street-type words (street_suffix of the en* locales)
// Only entries whose first letter is cased (Latin, Greek, Cyrillic, Armenian,
// Georgian ...) are kept: the PERSON detector keys on capitalization.
// Given names and surnames are split into words ("Mary Ann", "García-López").
// Usage: node extract.mjs <faker package dir> <out dir>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) { console.error('usage: node extract.mjs <faker pkg dir> <out dir>'); process.exit(2); }
const { allLocales } = await import(pathToFileURL(join(pkgDir, 'dist', 'index.js')).href);

const skip = new Set(['base', 'en_BORK']); // en_BORK is mock Swedish-chef text
const sets = { given: new Set(), surname: new Set(), city: new Set(), street: new Set() };

function flat(v) {
  if (v == null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(flat);
  if (typeof v === 'object') return Object.values(v).flatMap(flat);
  return [];
}
const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const cased = (s) => { const c = [...s][0]; return c !== undefined && c !== c.toLowerCase(); };

function add(set, values, split = true) {
  for (const v of values) {
    if (v.includes('{{') || v.includes('#')) continue; // patterns, not names
    for (const tok of split ? v.split(/[\s\-]+/) : [v.trim().replace(/\s+/g, ' ')]) {
      const t = tok.replace(/[.,()]+$/g, '');
      if ([...t].length < 2 || Buffer.byteLength(t) > 40 || !cased(t)) continue;
      set.add(asciiLower(t));
    }
  }
}

for (const [name, loc] of Object.entries(allLocales)) {
  if (skip.has(name)) continue;
  const p = loc.person || {}, l = loc.location || {};
  add(sets.given, flat(p.first_name));
  add(sets.given, flat(p.middle_name));
  add(sets.surname, flat(p.last_name));
  add(sets.city, flat(l.city_name), false); // whole names: "New York", "Frankfurt am Main"
  if (name.startsWith('en')) add(sets.street, flat(l.street_suffix));
}
for (const [k, s] of Object.entries(sets)) {
  const list = [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(join(outDir, k + '.txt'), list.join('\n') + '\n');
  console.error(`${k}: ${list.length}`);
}
