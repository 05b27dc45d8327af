package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/internal/demo"
)

// errHelp is returned by parseFlags after printing -h.
var errHelp = flag.ErrHelp

// errReported marks an error that parseFlags already printed.
var errReported = errors.New("reported")

// crossSiteAPIAddr is the API address -cross-site uses unless -api-addr is
// given: 127.0.0.1 is another site than localhost.
const crossSiteAPIAddr = "127.0.0.1:8081"

// pageOn127SiteAddr is the other-site origin's address unless -site-addr is
// given, when the page is on 127.0.0.1: localhost is then the other site.
const pageOn127SiteAddr = "localhost:8082"

// sessionKeyEnv is the environment variable that may hold the session key.
const sessionKeyEnv = "CREDFETCH_SESSION_KEY"

// readSessionKey returns the session key from -session-key, -session-key-file
// or the environment (one of them at most), or nil for a random key.
func readSessionKey(flagValue, file string, flagGiven bool, env string) ([]byte, error) {
	sources := 0
	for _, set := range []bool{flagGiven, file != "", env != ""} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return nil, fmt.Errorf("the session key comes from more than one of -session-key, -session-key-file and %s: keep one", sessionKeyEnv)
	}
	key, from := flagValue, "-session-key"
	switch {
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("-session-key-file: %w", err)
		}
		key, from = strings.TrimSpace(string(data)), "-session-key-file "+file
	case env != "":
		key, from = strings.TrimSpace(env), sessionKeyEnv
	case !flagGiven:
		return nil, nil
	}
	if len(key) < demo.MinSessionKeyBytes {
		return nil, fmt.Errorf("the session key from %s is %d bytes long: use at least %d, for example openssl rand -hex 32 > session.key, then -session-key-file session.key", from, len(key), demo.MinSessionKeyBytes)
	}
	return []byte(key), nil
}

// policyFlagNames are the flags that build the policy, which -config replaces.
var policyFlagNames = []string{"allow-origin", "allow-credentials", "allow-methods", "allow-headers", "expose-headers", "max-age", "public", "write-protection"}

// listFlag is a comma-separated list flag; giving it replaces the default.
type listFlag struct{ values []string }

// String returns the list as given, for the flag package.
func (l *listFlag) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(l.values, ",")
}

// Set replaces the list with the comma-separated values of s.
func (l *listFlag) Set(s string) error {
	l.values = nil
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			l.values = append(l.values, v)
		}
	}
	return nil
}

// originsFlag is the repeatable -allow-origin; the first use replaces the
// default, later ones add to it.
type originsFlag struct {
	values []string
	set    bool
}

// String returns the origins, for the flag package.
func (o *originsFlag) String() string {
	if o == nil {
		return ""
	}
	return strings.Join(o.values, " ")
}

// Set adds an origin; the first one replaces the default.
func (o *originsFlag) Set(s string) error {
	if !o.set {
		o.values, o.set = nil, true
	}
	o.values = append(o.values, strings.TrimSpace(s))
	return nil
}

// maxAgeFlag reads a duration ("10m") or whole seconds ("600").
type maxAgeFlag struct{ d time.Duration }

// String returns the duration, for the flag package.
func (m *maxAgeFlag) String() string {
	if m == nil {
		return "0s"
	}
	return m.d.String()
}

// Set reads a duration or whole seconds.
func (m *maxAgeFlag) Set(s string) error {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 || n > 1<<31 {
			return fmt.Errorf("%d seconds is out of range", n)
		}
		m.d = time.Duration(n) * time.Second
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New(`give a duration such as 10m, or whole seconds such as 600`)
	}
	m.d = d
	return nil
}

// parseFlags reads the command line into demo.Options. Flag errors are
// printed by the flag package (errReported); other errors are returned.
func parseFlags(args []string, out io.Writer) (demo.Options, error) {
	def := demo.DefaultCORS()
	fs := flag.NewFlagSet("demo-server", flag.ContinueOnError)
	fs.SetOutput(out)
	opts := demo.Options{}
	origins := &originsFlag{values: def.Origins}
	methods := &listFlag{values: def.Methods}
	headers := &listFlag{values: def.Headers}
	expose := &listFlag{values: def.Expose}
	maxAge := &maxAgeFlag{d: def.MaxAge}
	var configPath, sessionKey, sessionKeyFile string

	fs.StringVar(&opts.PageAddr, "page-addr", demo.DefaultPageAddr, "`host:port` of the page origin, which serves the pages and credfetch.wasm")
	fs.StringVar(&opts.APIAddr, "api-addr", demo.DefaultAPIAddr, "`host:port` of the API origin, a different origin of the same site by default\n(with -cross-site the default is "+crossSiteAPIAddr+", another site)")
	fs.StringVar(&opts.SiteAddr, "site-addr", demo.DefaultSiteAddr, "`host:port` of the other-site origin, which serves the lab's cookie endpoints on another site\nthan the page (127.0.0.1 is another site than localhost; with -page-addr on 127.0.0.1 the default is\n"+pageOn127SiteAddr+"), to compare with the same-site API")
	fs.Var(origins, "allow-origin", "an `origin` the API's CORS policy allows, as browsers write it (scheme://host[:port]);\nrepeat the flag for more. \"page\" stands for the page origin, port included.\nAlso https://*.example.com (subdomains) and http://localhost:* (any port).")
	fs.BoolVar(&def.Credentials, "allow-credentials", def.Credentials, "allow credentialed requests (cookies): responses carry Access-Control-Allow-Credentials: true;\n-allow-credentials=false turns it off")
	fs.Var(methods, "allow-methods", "comma-separated `methods` a preflight may ask for, besides GET, HEAD and POST (\"\" for none)")
	fs.Var(headers, "allow-headers", "comma-separated request `headers` a preflight may ask for, beyond the safelisted ones (\"\" for none)")
	fs.Var(expose, "expose-headers", "comma-separated response `headers` page JavaScript may read, beyond the safelisted ones (\"\" for none)")
	fs.Var(maxAge, "max-age", "how long browsers may cache a preflight answer: a `duration` (10m) or whole seconds (600);\n0 sends no Access-Control-Max-Age (browsers then keep it 5 seconds)")
	fs.BoolVar(&def.Public, "public", def.Public, "let every other origin read the API without credentials (Access-Control-Allow-Origin: *),\nnext to the -allow-origin origins, which keep their credentials")
	fs.Func("write-protection", "refuse cross-origin `writes` (POST, PUT, PATCH, DELETE from origins not allowed) with 403:\nauto (with -allow-credentials, the default), on or off", func(s string) error {
		switch s {
		case "auto":
			def.WriteProtection = cors.WriteProtectionAuto
		case "on", "off":
			def.WriteProtection = cors.WriteProtection(s)
		default:
			return fmt.Errorf("%q is not auto, on or off", s)
		}
		return nil
	})
	fs.StringVar(&configPath, "config", "", "read the CORS policy from a JSON `file` instead of the -allow-*, -expose-headers and -max-age flags:\n{\"origins\": [\"page\"], \"credentials\": true, \"methods\": [\"PUT\"], \"headers\": [\"x-demo\"],\n \"expose\": [\"x-request-id\"], \"maxAge\": \"10m\"}; absent fields allow nothing")
	fs.BoolVar(&opts.CrossSite, "cross-site", false, "put the API on another site ("+crossSiteAPIAddr+" unless -api-addr says otherwise) and issue the session\ncookie as SameSite=None; Secure; Partitioned (CHIPS), which browsers send to a third-party API")
	fs.IntVar(&opts.MaxStreams, "max-streams", demo.DefaultMaxStreams, "how many live-log streams (/events) may be open at once; one more is answered 503")
	fs.BoolVar(&opts.TLS, "tls", false, "serve both origins over https with a self-signed certificate generated at start")
	fs.StringVar(&sessionKeyFile, "session-key-file", "", "read the `file` whose content (surrounding whitespace trimmed) signs session cookies (HMAC-SHA256),\nat least 32 bytes; without it (and without "+sessionKeyEnv+") a random key, so sessions end when the server stops")
	fs.StringVar(&sessionKey, "session-key", "", "the session key itself (`secret`, at least 32 bytes); it shows in the process list:\nprefer -session-key-file or the environment variable "+sessionKeyEnv)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: demo-server [flags]

Serves the credfetch demo on three origins: the pages on the page origin, an API
behind a CORS policy on the API origin, and the CORS lab's scenarios under
/lab/ on the API origin; the lab's cookie endpoints are on the API origin and
on a third origin on another site. Open the page URL it prints.

The default policy allows the page origin with credentials, the methods
GET, HEAD, POST, PUT, PATCH and DELETE, the request headers content-type,
x-requested-with, x-xsrf-token and x-demo, and exposes x-request-id. A policy
the cors package refuses (for example -allow-origin '*' -allow-credentials)
stops the server with the reasons and exit status 2.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return opts, errHelp
		}
		return opts, errReported
	}
	if fs.NArg() > 0 {
		return opts, fmt.Errorf("unexpected argument %q: all settings are flags (see -h)", fs.Arg(0))
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	if opts.CrossSite && !given["api-addr"] {
		opts.APIAddr = crossSiteAPIAddr
	}
	if host, _, _ := net.SplitHostPort(opts.PageAddr); host == "127.0.0.1" && !given["site-addr"] {
		opts.SiteAddr = pageOn127SiteAddr
	}
	if opts.MaxStreams < 1 {
		return opts, fmt.Errorf("-max-streams %d: give at least 1 (each stream costs about 30 KB)", opts.MaxStreams)
	}
	key, err := readSessionKey(sessionKey, sessionKeyFile, given["session-key"], os.Getenv(sessionKeyEnv))
	if err != nil {
		return opts, err
	}
	opts.SessionKey = key
	if configPath != "" {
		for _, name := range policyFlagNames {
			if given[name] {
				return opts, fmt.Errorf("-config and -%s both set the CORS policy: put everything in the file, or drop -config", name)
			}
		}
		cfg, err := demo.ReadPolicyFile(configPath)
		if err != nil {
			return opts, err
		}
		opts.CORS = &cfg
		return opts, nil
	}
	opts.CORS = &cors.Config{
		Origins:     origins.values,
		Credentials: def.Credentials,
		Methods:     methods.values,
		Headers:     headers.values,
		Expose:      expose.values,
		MaxAge:      maxAge.d,
		Public:      def.Public,

		WriteProtection: def.WriteProtection,
	}
	return opts, nil
}
