package fetch

import (
	"errors"
	"fmt"
	"time"
)

// Settings are the defaults of every request a Policy decides (and so of
// every request a client sends), the way jQuery's $.ajaxSetup sets them for
// $.ajax. The zero value is usable: no credentials beyond the browser's
// default, no timeout, no retries.
type Settings struct {
	// BaseURL prefixes request URLs that have no scheme; its origin is
	// trusted (see Credentials). When not absolute, it is resolved once,
	// when the settings are set, against the page's base URL (its location
	// unless a <base> element moves it): see Policy.ConfigureFor.
	BaseURL string
	// Credentials is the mode for requests to trusted origins: the page's
	// own origin (that of Request.Page's location), BaseURL's origin and
	// TrustedOrigins. Requests to any other origin get SameOrigin unless the
	// request sets Credentials itself, so a global Include never sends the
	// user's cookies to third parties, nor breaks public APIs that answer
	// Access-Control-Allow-Origin: *, which a credentialed request cannot
	// read. Empty means SameOrigin.
	Credentials Credentials
	// TrustedOrigins are origins (https://api.example.com) or subdomain
	// patterns (https://*.example.com, never the bare domain) that get
	// Credentials. "*" and "null" are refused.
	TrustedOrigins []string
	// Mode, Redirect, Cache and ReferrerPolicy are the defaults of the fields
	// of the same name in Request.
	Mode           Mode
	Redirect       Redirect
	Cache          Cache
	ReferrerPolicy ReferrerPolicy
	// Headers are sent with every request, unless the request sets a header
	// of the same name.
	Headers Header
	// Timeout bounds each request as a whole (each call of the client's Do):
	// every attempt, the waits between retries and the reading of the body.
	// Zero means none.
	Timeout time.Duration
	// Retry says when failed requests are sent again; off by default.
	Retry RetryPolicy
	// ValidateStatus, when set, turns responses whose status it rejects into
	// errors of kind ErrStatus; nil accepts every status, as fetch does.
	// StatusOK is the usual choice.
	ValidateStatus func(status int) bool
	// Transport sends the requests of the Go client (package fetch/client);
	// nil means its FetchAPI, the browser's fetch(). A Policy keeps it for
	// the client and never calls it.
	Transport Transport
	// XSRFCookieName and XSRFHeaderName, when both are set, copy the cookie
	// of that name (readable by the page, so not HttpOnly: one of
	// Request.Page's cookies) into the header of that name on requests to
	// the page's origin and to trusted origins only, never to third parties.
	XSRFCookieName string
	XSRFHeaderName string
	// NoCORSProbe turns off the probe that follows a cross-origin network
	// failure (see Policy.ProbesCORS): such failures then stay ErrNetwork,
	// and no second request goes to the server. The zero value probes.
	NoCORSProbe bool
}

// StatusOK accepts the statuses 200-299, for Settings.ValidateStatus.
func StatusOK(status int) bool { return status >= 200 && status <= 299 }

// config is a validated Settings with what newConfig derived from it.
type config struct {
	Settings
	base  string // BaseURL made absolute, or ""
	trust trustList
}

// newConfig checks s and returns one error per problem, naming the field, the
// value and the fix. docBase is the base URL of the page a relative BaseURL
// resolves against, "" for none.
func newConfig(s Settings, docBase string) (*config, error) {
	var errs []error
	c := &config{Settings: s}
	c.Headers = s.Headers.Clone()
	var err error
	if c.base, err = parseBase(s.BaseURL, docBase); err != nil {
		errs = append(errs, err)
	}
	if c.trust, err = parseTrusted("Settings.TrustedOrigins", s.TrustedOrigins); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs,
		checkModes("Settings.", s.Credentials, s.Mode, s.Redirect, s.Cache, s.ReferrerPolicy),
		s.Retry.check("Settings.Retry"),
	)
	for name, values := range s.Headers {
		if err := checkHeader(name, values); err != nil {
			errs = append(errs, fmt.Errorf("Settings.Headers: %w", err))
		}
	}
	if s.Timeout < 0 {
		errs = append(errs, fmt.Errorf("Settings.Timeout %v is negative: use 0 for none", s.Timeout))
	}
	if (s.XSRFCookieName == "") != (s.XSRFHeaderName == "") {
		errs = append(errs, fmt.Errorf("Settings.XSRFCookieName %q and XSRFHeaderName %q: set both, or neither", s.XSRFCookieName, s.XSRFHeaderName))
	} else if s.XSRFHeaderName != "" {
		if err := checkHeader(s.XSRFHeaderName, nil); err != nil {
			errs = append(errs, fmt.Errorf("Settings.XSRFHeaderName: %w", err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}
