package cors

import (
	"errors"
	"net/http"
	"slices"
	"time"
)

// Config describes a CORS policy. The zero Config is valid and safe: it
// allows no cross-origin access at all, no credentials, only the safelisted
// methods and no extra request or response headers, and sends no Max-Age.
type Config struct {
	// Origins lists the origins allowed to read responses, each written as
	// browsers serialize origins: scheme://host[:port], lower case, with no
	// path, query, fragment, userinfo, trailing slash or default port.
	// Besides exact origins it accepts:
	//   - "*": any origin (the response becomes public); not with Credentials;
	//   - "https://*.example.com": any subdomain of example.com, one or more
	//     labels deep, never example.com itself; the base must not be a public
	//     suffix such as com or co.uk;
	//   - "http://localhost:*": any port, or none, of a loopback host
	//     (localhost, *.localhost, 127.0.0.0/8, [::1]), for local development.
	//
	// The scheme must be https, or http; with Credentials, http only for
	// loopback hosts. The origin "null" is always refused.
	Origins []string

	// Credentials allows credentialed requests (cookies, HTTP authentication,
	// TLS client certificates): responses to allowed origins then carry
	// Access-Control-Allow-Credentials: true.
	Credentials bool

	// Methods lists the methods allowed in addition to GET, HEAD and POST,
	// which browsers never check against a preflight answer and which are
	// therefore always allowed. DELETE, GET, HEAD, OPTIONS, POST and PUT are
	// normalized to upper case, as browsers do; other names are
	// case-sensitive (browsers send "patch" as written, not as "PATCH").
	// "*" allows every method. CONNECT, TRACE and TRACK are refused.
	Methods []string

	// Headers lists the request header names (case-insensitive) that pages may
	// send beyond the safelisted ones; a preflight asking for any other name
	// is refused. "*" allows every name except Authorization, which must be
	// listed by name (as browsers require). Forbidden request header names
	// (Cookie, Host, Content-Length, Sec-*, Proxy-*, ...) are refused, since
	// pages can never set them.
	Headers []string

	// Expose lists the response header names that scripts may read beyond
	// the safelisted ones (Cache-Control, Content-Language, Content-Length,
	// Content-Type, Expires, Last-Modified, Pragma). "*" exposes every header
	// but is refused with Credentials, where browsers read it as a literal
	// header name.
	Expose []string

	// MaxAge is how long browsers may cache a preflight answer, in whole
	// seconds, at most 24 hours; zero sends no Access-Control-Max-Age.
	// Browsers cap it: Chromium at 2 hours, Firefox at 24 hours.
	MaxAge time.Duration

	// Public makes responses readable by every origin without credentials,
	// next to the origins of Origins: a request from an origin that Origins
	// allows gets its own origin in Access-Control-Allow-Origin and, with
	// Credentials, Access-Control-Allow-Credentials: true; a request from
	// any other origin gets Access-Control-Allow-Origin: * and never
	// Access-Control-Allow-Credentials, so browsers let every page read
	// what it fetched without cookies and refuse the response to a
	// credentialed request from an origin not in Origins. Use it for
	// resources that are public anyway (a catalogue, a status page) served
	// by an API whose other answers depend on the caller's session. Origins
	// must not hold "*" as well.
	Public bool

	// WriteProtection chooses whether the policy refuses cross-origin
	// requests with unsafe methods (every method but GET, HEAD and OPTIONS)
	// before the wrapped handler runs, as net/http's CrossOriginProtection
	// does, trusting the origins of Origins. CORS decides only what a page
	// may read; a form or a no-cors fetch from any site still reaches the
	// handler, with the user's cookies. WriteProtectionAuto, the zero value,
	// protects when Credentials is true; WriteProtectionOn always;
	// WriteProtectionOff never (for APIs that take cross-site writes on
	// purpose, such as webhooks, or that protect themselves otherwise).
	WriteProtection WriteProtection

	// Observe, when not nil, receives the one Decision that the handler of
	// Policy.Wrap makes on each request, equal to what Policy.Explain
	// returns for it, preflights included. The handler calls it on the
	// request's goroutine once it has decided and before it writes any
	// header or calls the wrapped handler, so Observe may log or count the
	// decision, or fill a slot that an outer middleware put in the request's
	// context for the handlers behind the policy to read. It is called
	// concurrently for concurrent requests. Observe must not modify r; the
	// Decision and its Header are its own.
	//
	// Observe is code, not configuration: New does not check it, and
	// encoding/json leaves it out. Nil, the default, costs nothing: the
	// handler then builds no Decision and allocates nothing. Set, it costs
	// what Explain costs (the Decision's Message and Header are allocated).
	Observe func(r *http.Request, d Decision) `json:"-"`
}

// maxMaxAge is the longest MaxAge that New accepts.
const maxMaxAge = 24 * time.Hour

// New checks cfg and returns the policy it describes. When cfg has problems,
// New returns a nil Policy and an error that joins one *ConfigError per
// problem (errors.Join), each naming the field, the value and the fix. New
// never panics.
func New(cfg Config) (*Policy, error) {
	r, err := compile(cfg)
	if err != nil {
		return nil, err
	}
	p := &Policy{}
	p.cur.Store(r)
	return p, nil
}

// compile checks cfg and builds the rules it describes, reporting every
// problem at once.
func compile(cfg Config) (*rules, error) {
	var errs configErrors
	r := &rules{cfg: cloneConfig(cfg), credentials: cfg.Credentials, public: cfg.Public, observe: cfg.Observe}
	r.origins.compile(cfg.Origins, cfg.Credentials, &errs)
	if cfg.Public && r.origins.any {
		errs = append(errs, &ConfigError{Field: "Config.Public", Value: "true",
			Problem: "is set while Config.Origins holds \"*\", which already lets every origin read",
			Fix:     "remove \"*\" from Config.Origins, or set Public to false"})
	}
	r.origins.empty = r.origins.empty && !cfg.Public
	r.methods.compile(cfg.Methods, &errs)
	r.headers.compile(cfg.Headers, &errs)
	r.protect = compileWriteProtection(cfg.WriteProtection, cfg.Credentials, &errs)
	expose := compileExpose(cfg.Expose, cfg.Credentials, &errs)
	maxAge := compileMaxAge(cfg.MaxAge, &errs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	r.buildValues(expose, maxAge)
	return r, nil
}

// cloneConfig returns cfg with lists of its own, so that Policy.Config
// never shares memory with the caller's Config.
func cloneConfig(cfg Config) Config {
	cfg.Origins = slices.Clone(cfg.Origins)
	cfg.Methods = slices.Clone(cfg.Methods)
	cfg.Headers = slices.Clone(cfg.Headers)
	cfg.Expose = slices.Clone(cfg.Expose)
	return cfg
}
