package demo

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/credfetch/credfetch/cors"
)

// PageOrigin is a placeholder that Options.CORS.Origins (and the
// -allow-origin flag, and the origins of a -config file) may hold: Listen
// replaces it with the page origin it bound, port included, because with a
// port of 0 that origin is only known then.
const PageOrigin = "page"

// RequestIDHeader names the header that carries the number the API origin
// gives each request it receives; the live log shows the same number, and
// the default policy exposes the header to pages.
const RequestIDHeader = "X-Request-Id"

// DefaultCORS returns the policy the API origin applies when Options.CORS is
// nil: the page origin (PageOrigin), with credentials, the methods GET, HEAD,
// POST, PUT, PATCH and DELETE, the request headers the demo pages send
// (Content-Type, X-Requested-With, X-XSRF-Token, X-Demo), X-Request-Id exposed,
// and no Max-Age, so that every preflight shows in the live log.
func DefaultCORS() cors.Config {
	return cors.Config{
		Origins:     []string{PageOrigin},
		Credentials: true,
		Methods:     []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"},
		Headers:     []string{"content-type", "x-requested-with", "x-xsrf-token", "x-demo"},
		Expose:      []string{strings.ToLower(RequestIDHeader)},
	}
}

// PolicyError is the error Listen returns when the cors package refuses the
// API origin's policy. Err holds the cors package's errors, one
// *cors.ConfigError per problem. cmd/demo-server exits with status 2 on it.
type PolicyError struct {
	// Err is the error cors.New returned.
	Err error
}

// Error lists every problem, one per line, under a line saying what was
// refused.
func (e *PolicyError) Error() string {
	var b strings.Builder
	b.WriteString("the CORS policy of the API origin is refused; fix these settings (flags -allow-*, -max-age, or the -config file):")
	for _, line := range strings.Split(e.Err.Error(), "\n") {
		b.WriteString("\n  ")
		b.WriteString(line)
	}
	b.WriteString("\n(Config.Origins is -allow-origin, Credentials -allow-credentials, Methods -allow-methods, Headers -allow-headers, Expose -expose-headers, MaxAge -max-age, Public -public, WriteProtection -write-protection; in a -config file: origins, credentials, methods, headers, expose, maxAge, public, writeProtection)")
	return b.String()
}

// Unwrap returns the cors package's error.
func (e *PolicyError) Unwrap() error { return e.Err }

// resolvePolicy replaces PageOrigin in cfg.Origins by pageOrigin and builds
// the policy with observe as its Config.Observe, returning the resolved
// Config with it (cfg's own Observe kept, for observe to call).
func resolvePolicy(cfg cors.Config, pageOrigin string, observe func(*http.Request, cors.Decision)) (*cors.Policy, cors.Config, error) {
	cfg.Origins = slices.Clone(cfg.Origins)
	for i, o := range cfg.Origins {
		if o == PageOrigin {
			cfg.Origins[i] = pageOrigin
		}
	}
	cfg.Methods = slices.Clone(cfg.Methods)
	cfg.Headers = slices.Clone(cfg.Headers)
	cfg.Expose = slices.Clone(cfg.Expose)
	built := cfg
	built.Observe = observe
	p, err := cors.New(built)
	if err != nil {
		return nil, cfg, &PolicyError{Err: err}
	}
	return p, cfg, nil
}

// IsPolicyError reports whether err is, or wraps, a *PolicyError.
func IsPolicyError(err error) bool {
	var pe *PolicyError
	return errors.As(err, &pe)
}
