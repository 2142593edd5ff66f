// Command compress writes each input text file as a zstd frame (best
// compression, no checksum-free shortcuts) to the output directory, keeping
// the base name and adding ".zst". It is run by corpora/dicts/build.sh.
//
// Usage: go run ./corpora/dicts/compress -out classify/data a.txt b.txt ...
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/zstd"
)

func main() {
	out := flag.String("out", "", "output directory")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: compress -out DIR FILE...")
		os.Exit(2)
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, in := range flag.Args() {
		raw, err := os.ReadFile(in)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		dst := filepath.Join(*out, strings.TrimSuffix(filepath.Base(in), ".txt")+".zst")
		if err := os.WriteFile(dst, enc.EncodeAll(raw, nil), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
