// Package classify finds PII and secrets in values as they stream, and decides per column what a
// column holds.
//
// The span scanner works in two layers, after ripgrep: a cheap candidate layer that may propose
// false candidates but never misses (trigger bytes such as '@', digits and ':', and an
// ASCII-case-folding Aho-Corasick automaton over keywords such as "AKIA", "ghp_", "-----BEGIN"),
// and a confirm layer of Detectors (checksums, ranges, structure, entropy) behind it. Confirmed
// spans are pushed to a Sink; nothing is returned as a slice.
//
// classify is a leaf: it imports no project package, does no I/O and no logging, and never
// allocates per scanned value (enforced by a testing.AllocsPerRun test). It never lowercases a
// whole input: Unicode case mapping can change byte offsets and hide a match, so ASCII is folded
// byte by byte in comparisons.
package classify
