// Command credfetch-doctor checks real URLs in headless Chromium as if a page
// on any origin called them, and prints Chrome's own verdict: the preflight
// and the actual exchange, Chrome's CorsErrorStatus and console message, the
// cookies sent or blocked with Chrome's reasons, and the smallest server fix
// (the header lines and the cors.Config that sends them).
//
//	credfetch-doctor -from https://app.example.com [-method PUT] [-H 'Authorization: Bearer x']...
//	    [-credentials include|omit|same-origin|all] [-transport fetch|xhr|both] [-cookie 'name=value']...
//	    [-login 'POST https://api.example.com/login {"user":"ada"}'] [-allow-local-network] [-json] URL...
//
// No server needs to run at the page origin: the doctor answers the page's
// document itself over the DevTools protocol. Nothing is contacted but the
// URLs given and -login's. Chromium comes from CHROME_PATH or the usual
// install paths, with a fresh profile per run.
//
// The exit status is 0 when Chrome allowed every case, 1 when it refused
// any, and 2 for bad usage, a missing browser or a check that could not run.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/credfetch/credfetch/internal/doctor"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv("CHROME_PATH"), doctor.DefaultPaths)
	stop()
	os.Exit(code)
}

// Exit statuses of run.
const (
	exitAllowed = 0
	exitRefused = 1
	exitUsage   = 2 // bad flags, no browser, or a check that could not run
)

// run is main without the process: chromePath is CHROME_PATH's value and
// paths the places to look for a browser when it is empty.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, chromePath string, paths []string) int {
	opts, err := parseFlags(args, stderr)
	switch {
	case errors.Is(err, errHelp):
		return exitAllowed
	case err != nil:
		if !errors.Is(err, errReported) {
			fmt.Fprintln(stderr, "credfetch-doctor:", err)
		}
		return exitUsage
	}
	path, err := doctor.FindChrome(chromePath, paths)
	if err != nil {
		fmt.Fprintln(stderr, "credfetch-doctor:", err)
		return exitUsage
	}
	b, err := doctor.Start(path)
	if err != nil {
		fmt.Fprintln(stderr, "credfetch-doctor:", err)
		return exitUsage
	}
	defer b.Close()
	results := make([]*doctor.Result, 0, len(opts.cases))
	for _, c := range opts.cases {
		res, err := b.Run(ctx, c)
		if err != nil {
			fmt.Fprintf(stderr, "credfetch-doctor: %s %s: %v\n", c.Method, c.URL, err)
			return exitUsage
		}
		results = append(results, res)
	}
	if opts.json {
		if err := writeJSON(stdout, results); err != nil {
			fmt.Fprintln(stderr, "credfetch-doctor: write the results:", err)
			return exitUsage
		}
	} else {
		writeTable(stdout, results)
	}
	for _, r := range results {
		if !r.Allowed {
			return exitRefused
		}
	}
	return exitAllowed
}

// writeJSON writes the results as an indented JSON array.
func writeJSON(w io.Writer, results []*doctor.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}
