// Command maskwire is a PostgreSQL wire proxy that masks PII and secrets in
// result rows as they stream.
//
// Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.
package main

import (
	"fmt"
	"io"
	"os"
)

const mainUsage = `maskwire is a PostgreSQL wire-protocol proxy that masks PII and secrets in
result rows as they stream.

usage: maskwire <command> [flags]

commands:
  serve      run the proxy in front of a PostgreSQL server
  demo       start a demo: a PostgreSQL (found or disposable), sample data, the proxy
  classify   find PII and secrets in text, or judge the columns of a CSV file

Run 'maskwire <command> --help' for a command's flags.
`

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return 2
	}
	switch args[0] {
	case "serve":
		return runServe(args[1:], stderr)
	case "demo":
		return runDemo(args[1:], stdout, stderr)
	case "classify":
		return runClassify(args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, mainUsage)
		return 0
	}
	fmt.Fprintf(stderr, "maskwire: unknown command %q\n\n%s", args[0], mainUsage)
	return 2
}
