package doctor

// Case is one request to check: what a page at From does to URL.
type Case struct {
	// From is the page origin, such as https://app.example.com. No server
	// needs to run there: the engine answers the page's document itself.
	From string `json:"from"`
	// URL is the request URL.
	URL string `json:"url"`
	// Method is the request method; empty means GET.
	Method string `json:"method"`
	// Headers are the request headers the page sets, in order.
	Headers []Header `json:"headers,omitempty"`
	// Credentials is the fetch credentials mode: include, omit or
	// same-origin; empty means same-origin. XMLHttpRequest sends cookies
	// (withCredentials) only for include.
	Credentials string `json:"credentials"`
	// Transport is fetch or xhr; empty means fetch.
	Transport string `json:"transport"`
	// Cookies are stored for URL before the request, as a server's
	// Set-Cookie without attributes would store them.
	Cookies []Header `json:"cookies,omitempty"`
	// Login, when set, is sent from the page (credentials include) before
	// the request, so that its Set-Cookie can log the browser in.
	Login *Login `json:"login,omitempty"`
	// AllowLocalNetwork grants the page Chrome's Local Network Access
	// permission for the run.
	AllowLocalNetwork bool `json:"allowLocalNetwork,omitempty"`
}

// Header is one name and value (a request header, or a cookie).
type Header struct {
	// Name and Value are sent as given.
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Login is a request sent before the checked one.
type Login struct {
	// Method defaults to POST; URL is absolute; a Body that looks like JSON
	// is sent as application/json (and so preflighted).
	Method string `json:"method"`
	URL    string `json:"url"`
	Body   string `json:"body,omitempty"`
}

// Result is what Chrome did with one Case, and why.
type Result struct {
	// From, URL, Method, Credentials and Transport are the case's, with
	// defaults filled in (From as an origin, Method upper case).
	From        string `json:"from"`
	URL         string `json:"url"`
	Method      string `json:"method"`
	Credentials string `json:"credentials"`
	Transport   string `json:"transport"`
	// Headers are the request headers the page set.
	Headers []Header `json:"headers,omitempty"`
	// Allowed reports whether the page could read the response.
	Allowed bool `json:"allowed"`
	// Status is the status the page read (0 when refused).
	Status int `json:"status,omitempty"`
	// PageError is all the page learned of a refusal, such as
	// "TypeError: Failed to fetch".
	PageError string `json:"pageError,omitempty"`
	// CORSError and FailedParameter are Chrome's CorsErrorStatus, from
	// Network.loadingFailed.
	CORSError       string `json:"corsError"`
	FailedParameter string `json:"failedParameter"`
	// ConsoleMessage is the message Chrome printed to the console for the
	// refusal.
	ConsoleMessage string `json:"consoleMessage,omitempty"`
	// NetworkError is Chrome's net error for a failure that is not CORS,
	// such as net::ERR_CONNECTION_REFUSED.
	NetworkError string `json:"networkError,omitempty"`
	// CookieSent reports whether the request carried a Cookie header.
	CookieSent bool `json:"cookieSent"`
	// SentCookies names the cookies sent.
	SentCookies []string `json:"sentCookies,omitempty"`
	// BlockedCookies are the cookies Chrome kept off the request or refused
	// to store from a Set-Cookie, with Chrome's reasons.
	BlockedCookies []BlockedCookie `json:"blockedCookies"`
	// LocalNetwork says what Chrome's Local Network Access did: "" when it
	// did not apply, "denied" when it refused the request, "granted" when
	// the run granted the permission (see LocalNetworkPermission).
	LocalNetwork string `json:"localNetwork,omitempty"`
	// LocalNetworkPermission is the permission name the run granted.
	LocalNetworkPermission string `json:"localNetworkPermission,omitempty"`
	// Login, Preflight and Actual are the exchanges on the wire; nil when
	// not sent.
	Login     *Exchange `json:"login,omitempty"`
	Preflight *Exchange `json:"preflight,omitempty"`
	Actual    *Exchange `json:"actual,omitempty"`
	// Fix is the smallest server change that lets the request through;
	// nil when it is allowed.
	Fix *Fix `json:"fix"`
}

// BlockedCookie is a cookie Chrome blocked.
type BlockedCookie struct {
	Name string `json:"name"`
	// On is "request" (not sent) or "set-cookie" (not stored).
	On string `json:"on"`
	// Line is the Set-Cookie line, for a cookie not stored.
	Line string `json:"line,omitempty"`
	// Reasons are Chrome's CookieBlockedReason or SetCookieBlockedReason
	// values, such as SameSiteLax or ThirdPartyPhaseout.
	Reasons []string `json:"reasons"`
}

// Exchange is one request and its response as they went over the wire.
type Exchange struct {
	// Method and URL are the request's; Status is 0 when no response was
	// read. The headers are the raw ones on the wire (CDP's ExtraInfo
	// events) when Chrome reports them, with duplicate names joined by "\n".
	Method          string            `json:"method"`
	URL             string            `json:"url"`
	Status          int               `json:"status,omitempty"`
	RequestHeaders  map[string]string `json:"requestHeaders,omitempty"`
	ResponseHeaders map[string]string `json:"responseHeaders,omitempty"`
}
