package doctor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/internal/corsconfig"
	"github.com/credfetch/credfetch/internal/fetchspec"
)

// Fix is the smallest server change that lets a request through.
type Fix struct {
	// Preflight are the header lines the answer to the preflight (OPTIONS)
	// must carry; empty when the request needs no preflight.
	Preflight []string `json:"preflight,omitempty"`
	// Response are the header lines the actual response must carry.
	Response []string `json:"response,omitempty"`
	// SetCookie are Set-Cookie lines to send instead of the blocked ones.
	SetCookie []string `json:"setCookie,omitempty"`
	// Config is the cors.Config, as Go code, whose Policy.Wrap sends the
	// Preflight and Response lines; empty when CORS is not the problem.
	Config string `json:"config,omitempty"`
	// Notes explain Chrome's reasons and what headers cannot fix.
	Notes []string `json:"notes,omitempty"`
}

// FixFor builds the fix for a result: the CORS headers and cors.Config when
// Chrome refused the response, the Set-Cookie attributes when it blocked a
// cookie, and a note on each reason.
func FixFor(r *Result) *Fix {
	f := &Fix{}
	if !r.Allowed {
		switch {
		case r.CORSError == "":
			f.Notes = append(f.Notes, networkNote(r))
		case localNetworkNote(r) != "":
			f.Notes = append(f.Notes, localNetworkNote(r))
		default:
			f.corsHeaders(r)
			f.Notes = append(f.Notes, corsNote(r))
		}
	}
	for _, bc := range r.BlockedCookies {
		f.cookie(r, bc)
	}
	return f
}

// CORSConfig returns the smallest cors.Config that allows r's request.
func CORSConfig(r *Result) cors.Config {
	cfg := cors.Config{Origins: []string{r.From}, Credentials: r.Credentials == "include"}
	if !fetchspec.IsSafelistedMethod(r.Method) {
		cfg.Methods = []string{r.Method}
	}
	cfg.Headers = unsafeHeaders(r.Headers)
	return cfg
}

// corsHeaders fills the header lines and the Config.
func (f *Fix) corsHeaders(r *Result) {
	cfg := CORSConfig(r)
	allow := []string{"Access-Control-Allow-Origin: " + r.From}
	if cfg.Credentials {
		allow = append(allow, "Access-Control-Allow-Credentials: true")
	}
	allow = append(allow, "Vary: Origin")
	if r.Preflight != nil || len(cfg.Methods) > 0 || len(cfg.Headers) > 0 {
		f.Preflight = slices.Clone(allow)
		if len(cfg.Methods) > 0 {
			f.Preflight = append(f.Preflight, "Access-Control-Allow-Methods: "+strings.Join(cfg.Methods, ","))
		}
		if len(cfg.Headers) > 0 {
			f.Preflight = append(f.Preflight, "Access-Control-Allow-Headers: "+strings.Join(cfg.Headers, ","))
		}
	}
	f.Response = allow
	if _, err := cors.New(cfg); err != nil {
		f.Notes = append(f.Notes, "The cors package refuses this policy: "+err.Error())
		return
	}
	f.Config = corsconfig.Format(cfg)
}

// unsafeHeaders lists, lower case and sorted, the headers a preflight must
// allow.
func unsafeHeaders(hs []Header) []string {
	var out []string
	for _, h := range hs {
		if fetchspec.IsSafelistedRequestHeader(h.Name, h.Value) {
			continue
		}
		name := strings.ToLower(h.Name)
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// networkNote explains a failure that is not CORS.
func networkNote(r *Result) string {
	if r.NetworkError != "" {
		return fmt.Sprintf("Chrome reports no CORS error: the request failed with %s. Is the server at %s running and reachable?", r.NetworkError, r.URL)
	}
	return fmt.Sprintf("Chrome reports no CORS error and the page saw %q. Is the server at %s running and reachable?", r.PageError, r.URL)
}

// localNetworkNote explains Chrome's Local Network Access refusals, or "".
func localNetworkNote(r *Result) string {
	switch r.CORSError {
	case "LocalNetworkAccessPermissionDenied":
		return fmt.Sprintf("Local Network Access: Chrome lets a page on %s reach %s (a loopback or private address) only after the user grants the page the local network permission; headless Chrome cannot ask, so it refused. Users of a public site will see a prompt. Run again with -allow-local-network (corstest: Request.AllowLocalNetwork) to check CORS past it.", r.From, r.URL)
	case "InsecureLocalNetwork", "InsecurePrivateNetwork":
		return fmt.Sprintf("Local Network Access: only a secure page may reach a loopback or private address; serve the page over https instead of %s.", r.From)
	case "InvalidLocalNetworkAccess", "InvalidPrivateNetworkAccess", "UnexpectedPrivateNetworkAccess":
		return "Local Network Access: Chrome refused the request to a more private address space (" + r.CORSError + "); run with -allow-local-network or serve the API on the page's address space."
	}
	return ""
}

// corsNote explains one CorsError in words.
func corsNote(r *Result) string {
	param := r.FailedParameter
	switch r.CORSError {
	case "MissingAllowOriginHeader", "PreflightMissingAllowOriginHeader":
		return "The " + which(r.CORSError) + " has no Access-Control-Allow-Origin: the server must name the page's origin."
	case "AllowOriginMismatch", "PreflightAllowOriginMismatch":
		return fmt.Sprintf("The %s allows origin %q, not the page's %s.", which(r.CORSError), param, r.From)
	case "MultipleAllowOriginValues", "PreflightMultipleAllowOriginValues":
		return "The " + which(r.CORSError) + " lists several origins in Access-Control-Allow-Origin; send exactly the page's origin."
	case "InvalidAllowOriginValue", "PreflightInvalidAllowOriginValue":
		return fmt.Sprintf("The %s's Access-Control-Allow-Origin %q is not an origin.", which(r.CORSError), param)
	case "WildcardOriginNotAllowed", "PreflightWildcardOriginNotAllowed":
		return "Access-Control-Allow-Origin: * does not cover a request with credentials: the server must echo the page's origin (and send Access-Control-Allow-Credentials: true)."
	case "MissingAllowCredentials", "InvalidAllowCredentials", "PreflightMissingAllowCredentials", "PreflightInvalidAllowCredentials":
		return "The request is sent with credentials (cookies): the " + which(r.CORSError) + " must carry Access-Control-Allow-Credentials: true."
	case "HeaderDisallowedByPreflightResponse":
		return fmt.Sprintf("The preflight answer's Access-Control-Allow-Headers does not list %q, a header the page sets.", param)
	case "MethodDisallowedByPreflightResponse":
		return fmt.Sprintf("The preflight answer's Access-Control-Allow-Methods does not list %s.", param)
	case "PreflightInvalidStatus":
		status := 0
		if r.Preflight != nil {
			status = r.Preflight.Status
		}
		return fmt.Sprintf("The preflight (OPTIONS) was answered with status %d: it must be a 2xx status, before any authentication check.", status)
	case "PreflightDisallowedRedirect", "DisallowedByMode", "RedirectContainsCredentials", "CorsDisabledScheme":
		return "Chrome refused a redirect or scheme (" + r.CORSError + "): answer the request at its own URL, over http or https, without redirecting the preflight."
	}
	return "Chrome's reason is " + r.CORSError + "; the headers below are what a correct answer carries."
}

// which names the response a CorsError is about.
func which(corsError string) string {
	if strings.HasPrefix(corsError, "Preflight") {
		return "preflight answer"
	}
	return "response"
}

// crossSiteReasons are Chrome's cookie reasons that the attributes
// SameSite=None; Secure; Partitioned address.
var crossSiteReasons = []string{
	"SameSiteLax", "SameSiteStrict", "SameSiteUnspecifiedTreatedAsLax", "SameSiteNoneInsecure",
	"SchemefulSameSiteLax", "SchemefulSameSiteStrict", "SchemefulSameSiteUnspecifiedTreatedAsLax",
	"ThirdPartyPhaseout", "ThirdPartyBlockedInFirstPartySet", "ThirdPartyBlocked", "UserPreferences",
	"SecureOnly", "PartitionedWithoutSecure",
}

// cookie adds the fix for one blocked cookie.
func (f *Fix) cookie(r *Result, bc BlockedCookie) {
	switch {
	case slices.ContainsFunc(bc.Reasons, func(s string) bool { return slices.Contains(crossSiteReasons, s) }):
		value := "<value>"
		if _, rest, ok := strings.Cut(bc.Line, "="); ok {
			value, _, _ = strings.Cut(rest, ";")
		}
		f.SetCookie = append(f.SetCookie, fmt.Sprintf("Set-Cookie: %s=%s; Path=/; SameSite=None; Secure; Partitioned", bc.Name, value))
		f.Notes = append(f.Notes, fmt.Sprintf("Cookie %s was blocked on the %s (%s): %s is cross-site from %s, so Chrome keeps a cookie only when it is SameSite=None and Secure, and, with third-party cookies blocked, Partitioned (stored for this page's site only). The API must be https (or localhost) for Secure.",
			bc.Name, bc.On, strings.Join(bc.Reasons, ", "), r.URL, r.From))
	default:
		f.Notes = append(f.Notes, fmt.Sprintf("Cookie %s was blocked on the %s: %s.", bc.Name, bc.On, strings.Join(bc.Reasons, ", ")))
	}
}
