// Command maskwire is a PostgreSQL wire proxy that masks PII and secrets in
// result rows as they stream.
//
// This is a minimal dispatcher written by the classify helper so that
// `maskwire classify` works; the transport helper owns this file and will
// extend it with the proxy itself (serve, config, ...).
package main

import (
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: maskwire <command> [arguments]\n\ncommands:\n  classify   find PII and secrets in text, or judge the columns of a CSV file")
		return 2
	}
	switch args[0] {
	case "classify":
		return runClassify(args[1:], stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "maskwire: unknown command %q\n", args[0])
	return 2
}
