package fetch

import (
	"errors"
	"fmt"
	"slices"
)

// Credentials says whether a request carries the user's credentials: cookies,
// HTTP authentication and TLS client certificates. The values are those of the
// Fetch standard's RequestCredentials, so they pass to the browser unchanged.
type Credentials string

// The credentials modes.
const (
	// Omit never sends credentials, and ignores cookies the response sets.
	Omit Credentials = "omit"
	// SameOrigin sends credentials only to the page's own origin (the browser's
	// default).
	SameOrigin Credentials = "same-origin"
	// Include sends credentials to any origin, which for a cross-origin request
	// needs the server's consent: Access-Control-Allow-Credentials: true and an
	// Access-Control-Allow-Origin naming the exact origin, never "*". The client
	// applies it only to trusted origins (see Settings.TrustedOrigins).
	Include Credentials = "include"
)

// Mode is the request mode of the Fetch standard (RequestMode).
type Mode string

// The request modes a script may choose.
const (
	// CORS allows cross-origin requests under the CORS protocol (the default).
	CORS Mode = "cors"
	// NoCORS allows only simple cross-origin requests and gives an opaque
	// response whose status, headers and body are hidden from the script.
	NoCORS Mode = "no-cors"
	// SameOriginMode refuses cross-origin requests with a network error.
	SameOriginMode Mode = "same-origin"
)

// Redirect says what the browser does with a redirect response (RequestRedirect).
type Redirect string

// The redirect modes.
const (
	Follow         Redirect = "follow" // follow redirects (the default)
	ErrorRedirect  Redirect = "error"  // fail with a network error
	ManualRedirect Redirect = "manual" // return an opaque-redirect response
)

// Cache is the request's HTTP cache mode (RequestCache).
type Cache string

// The cache modes.
const (
	CacheDefault      Cache = "default"
	CacheNoStore      Cache = "no-store"
	CacheReload       Cache = "reload"
	CacheNoCache      Cache = "no-cache"
	CacheForceCache   Cache = "force-cache"
	CacheOnlyIfCached Cache = "only-if-cached"
)

// ReferrerPolicy is the request's referrer policy (ReferrerPolicy in the
// Referrer Policy standard), for example "no-referrer" or
// "strict-origin-when-cross-origin". The empty value keeps the page's policy.
type ReferrerPolicy string

var (
	credentialsValues = []Credentials{Omit, SameOrigin, Include}
	modeValues        = []Mode{CORS, NoCORS, SameOriginMode}
	redirectValues    = []Redirect{Follow, ErrorRedirect, ManualRedirect}
	cacheValues       = []Cache{CacheDefault, CacheNoStore, CacheReload, CacheNoCache, CacheForceCache, CacheOnlyIfCached}
	referrerValues    = []ReferrerPolicy{"no-referrer", "no-referrer-when-downgrade", "same-origin", "origin",
		"strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"}
)

// checkModes checks the five mode fields Settings and Request share; prefix
// names the struct ("Settings." or "").
func checkModes(prefix string, c Credentials, m Mode, r Redirect, ca Cache, rp ReferrerPolicy) error {
	return errors.Join(
		checkEnum(prefix+"Credentials", c, credentialsValues),
		checkEnum(prefix+"Mode", m, modeValues),
		checkEnum(prefix+"Redirect", r, redirectValues),
		checkEnum(prefix+"Cache", ca, cacheValues),
		checkEnum(prefix+"ReferrerPolicy", rp, referrerValues),
	)
}

// checkEnum returns an error naming field, the bad value and the allowed ones
// unless v is empty (inherit) or one of allowed.
func checkEnum[T ~string](field string, v T, allowed []T) error {
	if v == "" {
		return nil
	}
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%s %q is not one of %q", field, string(v), allowed)
}

// CredentialsValues returns the Credentials values a request may have.
func CredentialsValues() []Credentials { return slices.Clone(credentialsValues) }

// ModeValues returns the Mode values a request may have.
func ModeValues() []Mode { return slices.Clone(modeValues) }

// RedirectValues returns the Redirect values a request may have.
func RedirectValues() []Redirect { return slices.Clone(redirectValues) }

// CacheValues returns the Cache values a request may have.
func CacheValues() []Cache { return slices.Clone(cacheValues) }
