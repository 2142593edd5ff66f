// Command gen regenerates the committed corpora: go run ./corpora/gen [-seed N] [-out dir].
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/maskwire/maskwire/corpora"
)

func main() {
	seed := flag.Uint64("seed", corpora.DefaultSeed, "generator seed")
	out := flag.String("out", "corpora/data", "output directory")
	flag.Parse()
	sets := corpora.Generate(*seed, corpora.DefaultSizes)
	for _, name := range corpora.Names {
		var buf bytes.Buffer
		if err := corpora.Encode(&buf, sets[name]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		path := filepath.Join(*out, name+".jsonl.zst")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d samples, %d bytes\n", path, len(sets[name]), buf.Len())
	}
}
