package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/credfetch/credfetch/internal/doctor"
)

// errHelp is returned by parseFlags after printing -h.
var errHelp = flag.ErrHelp

// errReported marks an error that parseFlags already printed.
var errReported = errors.New("reported")

// options are the parsed command line.
type options struct {
	cases []doctor.Case
	json  bool
}

// repeated is a flag that may be given several times.
type repeated []string

// String returns the values, for the flag package.
func (r *repeated) String() string {
	if r == nil {
		return ""
	}
	return strings.Join(*r, "; ")
}

// Set adds a value.
func (r *repeated) Set(s string) error {
	*r = append(*r, s)
	return nil
}

const usage = `usage: credfetch-doctor -from ORIGIN [-method M] [-H 'Name: value']... [-credentials include|omit|same-origin|all]
       [-transport fetch|xhr|both] [-cookie 'name=value']... [-login 'METHOD URL BODY'] [-allow-local-network] [-json] URL...

Checks each URL in headless Chromium as if called from a page at ORIGIN, and
prints Chrome's verdict and the server fix. Exit status: 0 all allowed,
1 any refused, 2 bad usage or no browser.
`

// parseFlags reads the command line into the cases to check, one per URL,
// credentials mode and transport.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("credfetch-doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	var headers, cookies repeated
	from := fs.String("from", "", "the page `origin` the request comes from, such as https://app.example.com (required; no server needs to run there)")
	method := fs.String("method", "GET", "the request `method`")
	fs.Var(&headers, "H", "a request header `'Name: value'` the page sets (repeatable)")
	creds := fs.String("credentials", "same-origin", "the credentials `mode`: include, omit, same-origin, or all (one run per mode)")
	transport := fs.String("transport", "fetch", "how the page sends: fetch, xhr, or both")
	fs.Var(&cookies, "cookie", "a cookie `'name=value'` stored for each URL before the request (repeatable)")
	login := fs.String("login", "", "a request `'METHOD URL BODY'` the page sends first, with credentials, to log in")
	lna := fs.Bool("allow-local-network", false, "grant the page Chrome's Local Network Access permission, which a public page needs to call a loopback or private URL")
	asJSON := fs.Bool("json", false, "write a JSON array of results instead of the table")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errHelp
		}
		return nil, errReported
	}
	if *from == "" {
		return nil, errors.New("-from is required: name the page origin, such as -from https://app.example.com")
	}
	if fs.NArg() == 0 {
		return nil, errors.New("no URL given: name one or more URLs to check after the flags")
	}
	base := doctor.Case{From: *from, Method: strings.ToUpper(*method), AllowLocalNetwork: *lna}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("-H %q: want 'Name: value', such as -H 'Authorization: Bearer x'", h)
		}
		base.Headers = append(base.Headers, doctor.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	for _, c := range cookies {
		name, value, ok := strings.Cut(c, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("-cookie %q: want 'name=value', such as -cookie 'sid=abc'", c)
		}
		base.Cookies = append(base.Cookies, doctor.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	if *login != "" {
		l, err := parseLogin(*login)
		if err != nil {
			return nil, err
		}
		base.Login = l
	}
	modes, err := choice("-credentials", *creds, "all", []string{"include", "omit", "same-origin"})
	if err != nil {
		return nil, err
	}
	transports, err := choice("-transport", *transport, "both", []string{"fetch", "xhr"})
	if err != nil {
		return nil, err
	}
	opts := &options{json: *asJSON}
	for _, u := range fs.Args() {
		for _, m := range modes {
			for _, t := range transports {
				c := base
				c.URL, c.Credentials, c.Transport = u, m, t
				if err := c.Check(); err != nil {
					return nil, err
				}
				opts.cases = append(opts.cases, c)
			}
		}
	}
	return opts, nil
}

// choice reads a flag that takes one of values, or every one of them.
func choice(flagName, v, every string, values []string) ([]string, error) {
	if v == every {
		return values, nil
	}
	for _, ok := range values {
		if v == ok {
			return []string{v}, nil
		}
	}
	return nil, fmt.Errorf("%s %q: want %s or %s", flagName, v, strings.Join(values, ", "), every)
}

// parseLogin reads -login's 'METHOD URL BODY'; the body is optional and may
// hold spaces.
func parseLogin(s string) (*doctor.Login, error) {
	fields := strings.Fields(s)
	if len(fields) < 2 {
		return nil, fmt.Errorf("-login %q: want 'METHOD URL [BODY]', such as -login 'POST https://api.example.com/login {\"user\":\"ada\"}'", s)
	}
	l := &doctor.Login{Method: strings.ToUpper(fields[0]), URL: fields[1]}
	if len(fields) > 2 {
		rest := strings.TrimSpace(s)
		rest = strings.TrimSpace(rest[len(fields[0]):])
		l.Body = strings.TrimSpace(rest[len(fields[1]):])
	}
	return l, nil
}
