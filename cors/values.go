package cors

import (
	"strconv"
	"time"
)

// Canonical names of the headers the policy reads and writes, as keys of
// http.Header.
const (
	hdrOrigin = "Origin"
	hdrACRM   = "Access-Control-Request-Method"
	hdrACRH   = "Access-Control-Request-Headers"
	hdrACAO   = "Access-Control-Allow-Origin"
	hdrACAC   = "Access-Control-Allow-Credentials"
	hdrACAM   = "Access-Control-Allow-Methods"
	hdrACAH   = "Access-Control-Allow-Headers"
	hdrACMA   = "Access-Control-Max-Age"
	hdrACEH   = "Access-Control-Expose-Headers"
	hdrVary   = "Vary"
)

// compileMaxAge checks Config.MaxAge and returns the value of
// Access-Control-Max-Age in seconds, or "" when none is sent.
func compileMaxAge(d time.Duration, errs *configErrors) string {
	field := func(problem, fix string) {
		*errs = append(*errs, &ConfigError{Field: "Config.MaxAge", Value: d.String(), Problem: problem, Fix: fix})
	}
	switch {
	case d < 0:
		field("is negative", "use 0 to send no Access-Control-Max-Age, or a positive duration")
	case d > maxMaxAge:
		field("is over 24 hours, more than any browser caches a preflight (Firefox caps at 24 h, Chromium at 2 h)",
			"use at most 24*time.Hour, or 2*time.Hour for Chromium")
	case d%time.Second != 0:
		field("is not a whole number of seconds, the unit of Access-Control-Max-Age",
			"round it to whole seconds, e.g. "+d.Truncate(time.Second).String())
	case d > 0:
		return strconv.FormatInt(int64(d/time.Second), 10)
	}
	return ""
}

// buildValues prebuilds the header values that do not depend on the
// request, carved from one backing array into slices whose capacity equals
// their length, so that an append by a handler copies instead of writing
// into memory that other responses share.
func (p *rules) buildValues(expose, maxAge string) {
	all := []string{
		"*",
		"true",
		expose,
		maxAge,
		hdrOrigin,
		hdrOrigin + ", " + hdrACRM + ", " + hdrACRH,
		"text/plain; charset=utf-8",
		"nosniff",
	}
	p.acaoAny = all[0:1:1]
	p.acac = all[1:2:2]
	if expose != "" {
		p.aceh = all[2:3:3]
	}
	if maxAge != "" {
		p.acma = all[3:4:4]
	}
	p.varyActual = all[4:5:5]
	p.varyPreflight = all[5:6:6]
	p.textPlain = all[6:7:7]
	p.nosniff = all[7:8:8]
}
