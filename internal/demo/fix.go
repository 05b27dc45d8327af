package demo

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/internal/corsconfig"
	"github.com/credfetch/credfetch/internal/fetchspec"
)

// Fix is the smallest cors.Config that lets one request through, in the
// three forms a reader may want, and what the cors package decides on the
// request with it.
type Fix struct {
	// Config is the cors.Config as Go code.
	Config string `json:"config,omitempty"`
	// JSON is the same policy as a -config file.
	JSON string `json:"json,omitempty"`
	// Flags is the same policy as demo-server flags.
	Flags string `json:"flags,omitempty"`
	// Allowed reports whether the policy built from Config allows the
	// request (always, unless the request cannot be allowed at all).
	Allowed bool `json:"allowed"`
	// Reason is that policy's cors.Reason on the request.
	Reason cors.Reason `json:"reason,omitempty"`
	// Note explains a request no policy can allow.
	Note string `json:"note,omitempty"`
}

// fixFor builds the Fix for a CORS request r with decision d (of any policy;
// only its parsed fields are used), the credentials mode, and the lab
// scenario that answered it, if any (its Expose and MaxAge join the Config).
func fixFor(r *http.Request, d cors.Decision, cred string, sc *Scenario) *Fix {
	if d.Origin == "null" {
		return &Fix{Reason: cors.ReasonNullOrigin, Note: `The request's Origin is "null" (a sandboxed iframe, a file: page, or a redirect across origins). The cors package never allows it: a null origin can be forged by any page, so trusting it is trusting everyone.`}
	}
	cfg := cors.Config{Origins: []string{d.Origin}, Credentials: cred == credInclude}
	method, headers := r.Method, requestedHeaders(r)
	if d.Preflight {
		method = d.RequestMethod
		headers, _ = tokenList(r.Header.Values("Access-Control-Request-Headers"))
		for i := range headers {
			headers[i] = strings.ToLower(headers[i])
		}
	}
	if !fetchspec.IsSafelistedMethod(method) {
		cfg.Methods = []string{method}
	}
	cfg.Headers = headers
	if sc != nil {
		cfg.Expose = slices.Clone(sc.Expose)
		cfg.MaxAge = sc.MaxAge
	}
	p, err := cors.New(cfg)
	if err != nil {
		return &Fix{Note: "No cors.Config can allow this request: " + err.Error()}
	}
	got := p.Explain(r)
	return &Fix{
		Config:  FormatConfig(cfg),
		JSON:    policyJSON(cfg),
		Flags:   policyFlags(cfg),
		Allowed: got.Allowed,
		Reason:  got.Reason,
	}
}

// browserHeaders are request headers the browser sets by itself; a page never
// needs them allowed.
var browserHeaders = []string{
	"Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Connection", "Content-Language", "Content-Length",
	"Cookie", "Dnt", "Host", "Keep-Alive", "Origin", "Pragma", "Priority", "Range", "Referer", "Te",
	"Trailer", "Transfer-Encoding", "Upgrade-Insecure-Requests", "User-Agent", "Via",
}

// requestedHeaders guesses, for an actual request, which of its headers the
// page set beyond the safelisted ones (a cached preflight hides the list).
func requestedHeaders(r *http.Request) []string {
	var out []string
	for name, values := range r.Header {
		canon := http.CanonicalHeaderKey(name)
		switch {
		case slices.Contains(browserHeaders, canon), strings.HasPrefix(canon, "Sec-"), strings.HasPrefix(canon, "Proxy-"):
			continue
		case canon == "Content-Type" && len(values) == 1 && safelistedContentType(values[0]):
			continue
		}
		out = append(out, strings.ToLower(canon))
	}
	slices.Sort(out)
	return out
}

// safelistedContentType reports whether a Content-Type needs no preflight:
// its media type, as mime.ParseMediaType reads it, is one of the three the
// Fetch standard safelists (fetchspec.IsSafelistedContentTypeEssence). This
// is the demo's long-standing approximation of the standard's full rule
// (fetchspec.IsSafelistedRequestHeader), which also refuses values over 128
// bytes or holding bytes such as '"', and accepts parameters that
// mime.ParseMediaType rejects.
func safelistedContentType(v string) bool {
	mt, _, err := mime.ParseMediaType(v)
	return err == nil && fetchspec.IsSafelistedContentTypeEssence(mt)
}

// FormatConfig renders cfg as the gofmt-formatted Go composite literal that
// builds it, listing only the fields that are set.
func FormatConfig(cfg cors.Config) string { return corsconfig.Format(cfg) }

// durationLiteral writes a whole number of seconds as Go code.
func durationLiteral(s int64) string { return corsconfig.DurationLiteral(s) }

// policyJSON renders cfg as a -config file.
func policyJSON(cfg cors.Config) string {
	pf := PolicyFile{
		Origins:     nonNil(cfg.Origins),
		Credentials: cfg.Credentials,
		Methods:     nonNil(cfg.Methods),
		Headers:     nonNil(cfg.Headers),
		Expose:      nonNil(cfg.Expose),
	}
	if cfg.MaxAge > 0 {
		pf.MaxAge = json.RawMessage(fmt.Sprint(int64(cfg.MaxAge.Seconds())))
	}
	data, _ := json.MarshalIndent(pf, "", "  ") // strings and numbers only
	return string(data)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// policyFlags renders cfg as demo-server flags. Each flag is given, because
// the flags' defaults are the demo policy, not the empty one.
func policyFlags(cfg cors.Config) string {
	parts := []string{"demo-server"}
	for _, o := range cfg.Origins {
		parts = append(parts, "-allow-origin "+shellQuote(o))
	}
	parts = append(parts,
		fmt.Sprintf("-allow-credentials=%t", cfg.Credentials),
		"-allow-methods "+shellQuote(strings.Join(cfg.Methods, ",")),
		"-allow-headers "+shellQuote(strings.Join(cfg.Headers, ",")),
		"-expose-headers "+shellQuote(strings.Join(cfg.Expose, ",")),
		"-max-age "+cfg.MaxAge.String(),
	)
	return strings.Join(parts, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
