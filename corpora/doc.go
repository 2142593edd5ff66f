// Package corpora generates, stores and loads the labeled corpora that measure the classify
// package: PII and secret values in the formats the world really uses (per-country phone plans,
// real IBAN lengths and bank-code layouts, real card IIN ranges, checksummed national IDs),
// free text mixing them into prose in several languages, and hard negatives that look like PII
// but are not (UUIDs, hashes, ISBNs, tracking numbers, timestamps, prices, ...).
//
// Every value is generated from a seeded math/rand/v2 source, so a seed fixes the corpus byte
// for byte. Secrets are fake: random characters in the real alphabet and length of each key
// format, never real credentials. No third-party data is included (see NOTICE).
//
// The product never imports corpora; it exists for tests and benchmarks.
package corpora
