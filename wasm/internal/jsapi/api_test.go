package jsapi

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// msg joins fields into a message.
func msg(fields ...string) string { return strings.Join(fields, Sep) }

// answer splits a reply into its status and its pairs (the same key may
// repeat: headers).
func answer(t *testing.T, reply string) (string, map[string][]string) {
	t.Helper()
	f := strings.Split(reply, Sep)
	out := map[string][]string{}
	if f[0] == "err" {
		require.Len(t, f, 2, "an error reply is err and a message")
		return "err", map[string][]string{"message": {f[1]}}
	}
	require.Equal(t, "ok", f[0], reply)
	for i := 1; i+1 < len(f); i += 2 {
		out[f[i]] = append(out[f[i]], f[i+1])
	}
	return "ok", out
}

func newAPI(t *testing.T) *API {
	t.Helper()
	a, err := New(nil)
	require.NoError(t, err)
	return a
}

func TestSetupMergesAndAnswersTheSettings(t *testing.T) {
	a := newAPI(t)
	status, got := answer(t, a.Setup(msg("h:X-One", "1", "timeout", "5000", "trustedOrigins", formatList([]string{"https://api.example.com"}))))
	require.Equal(t, "ok", status)
	require.Equal(t, []string{"5000"}, got["timeout"])
	status, got = answer(t, a.Setup(msg("h:x-two", "2", "credentials", "include", "transport", "xhr", "retry", "2"+Item+"0"+Item+"0"+Item+"n"+Item+"n")))
	require.Equal(t, "ok", status)
	require.Equal(t, []string{"1"}, got["h:X-One"], "earlier headers stay")
	require.Equal(t, []string{"2"}, got["h:X-Two"])
	require.Equal(t, []string{"include"}, got["credentials"])
	require.Equal(t, []string{"xhr"}, got["transport"])
	require.Equal(t, []string{"2"}, got["retry"], "retry answers the limit")
	require.Equal(t, []string{"5000"}, got["timeout"])
	require.Equal(t, []string{formatList([]string{"https://api.example.com"})}, got["trustedOrigins"])

	// A header named again is replaced, not added to.
	_, got = answer(t, a.Setup(msg("h:X-One", "one", "h:X-One", "uno")))
	require.Equal(t, []string{"one", "uno"}, got["h:X-One"])
}

func TestSetupRefusesBadSettingsAndKeepsTheOldOnes(t *testing.T) {
	a := newAPI(t)
	answer(t, a.Setup(msg("credentials", "include")))
	status, got := answer(t, a.Setup(msg("trustedOrigins", formatList([]string{"*"}), "timeout", "100")))
	require.Equal(t, "err", status)
	require.Contains(t, got["message"][0], `credfetch.ajaxSetup: Settings.TrustedOrigins[0] "*": trusting * would send credentials`)
	_, got = answer(t, a.Setup(""))
	require.Equal(t, []string{"include"}, got["credentials"])
	require.Equal(t, []string{"0"}, got["timeout"], "the refused call changed nothing")
}

func TestPrepareMergesResolvesAndChoosesCredentials(t *testing.T) {
	a := newAPI(t)
	answer(t, a.Setup(msg("credentials", "include", "trustedOrigins", formatList([]string{"https://api.example.com"}),
		"h:X-App", "1", "timeout", "2500")))
	status, got := answer(t, a.Prepare(msg("prepare", "url", "https://api.example.com/x", "method", "post", "body", "1", "h:X-Req", "a", "h:X-Req", "b")))
	require.Equal(t, "ok", status, got)
	require.Equal(t, []string{"https://api.example.com/x"}, got["url"])
	require.Equal(t, []string{"POST"}, got["method"])
	require.Equal(t, []string{"include"}, got["credentials"])
	require.Equal(t, []string{"fetch"}, got["transport"])
	require.Equal(t, []string{"2500"}, got["timeout"])
	require.Equal(t, []string{"1"}, got["h:X-App"])
	require.Equal(t, []string{"a", "b"}, got["h:X-Req"])
	require.Nil(t, got["retry"], "no retry policy without retries")

	_, got = answer(t, a.Prepare(msg("prepare", "url", "https://elsewhere.test/", "timeout", "0")))
	require.Equal(t, []string{"same-origin"}, got["credentials"], "an untrusted origin gets no credentials")
	require.Nil(t, got["timeout"], "timeout 0 turns the default off")
}

func TestPrepareAroundPagePrefilters(t *testing.T) {
	a := newAPI(t)
	answer(t, a.Setup(msg("credentials", "include", "trustedOrigins", formatList([]string{"https://api.example.com"}),
		"xsrfCookieName", "XSRF", "xsrfHeaderName", "X-XSRF")))
	status, draft := answer(t, a.Prepare(msg("draft", "url", "https://api.example.com/x")))
	require.Equal(t, "ok", status)
	require.Equal(t, []string{"include"}, draft["credentials"])
	// The page's prefilter moved it to another origin and left credentials
	// for the Go side to choose again.
	_, got := answer(t, a.Prepare(msg("finish", "url", "https://other.test/y", "method", "GET", "credentials", "")))
	require.Equal(t, []string{"same-origin"}, got["credentials"])

	status, got = answer(t, a.Prepare(msg("finish", "url", "https://api.example.com/y", "method", "TRACE")))
	require.Equal(t, "err", status)
	require.Contains(t, got["message"][0], `method "TRACE" is forbidden`)
}

func TestXSRFHeaderReadsThePageCookiesOnlyWhenNeeded(t *testing.T) {
	reads := 0
	a, err := New(func() string { reads++; return "theme=dark; XSRF=t0k" })
	require.NoError(t, err)
	answer(t, a.Setup(msg("page", "https://app.example.com/")))
	_, got := answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/", "url", "/x")))
	require.Nil(t, got["h:X-Xsrf"])
	require.Zero(t, reads, "no XSRF cookie configured: document.cookie is not read")

	answer(t, a.Setup(msg("xsrfCookieName", "XSRF", "xsrfHeaderName", "X-XSRF", "page", "https://app.example.com/")))
	_, got = answer(t, a.Prepare(msg("draft", "page", "https://app.example.com/", "url", "/x")))
	require.Nil(t, got["h:X-Xsrf"], "the header comes with finish, after the page's prefilters")
	require.Zero(t, reads, "a draft needs no cookies")
	for _, phase := range []string{"prepare", "finish"} {
		_, got = answer(t, a.Prepare(msg(phase, "page", "https://app.example.com/", "url", "/x", "method", "GET")))
		require.Equal(t, []string{"t0k"}, got["h:X-Xsrf"], phase)
		_, got = answer(t, a.Prepare(msg(phase, "page", "https://app.example.com/", "url", "https://third.test/x", "method", "GET")))
		require.Nil(t, got["h:X-Xsrf"], "never to a third party")
	}
	require.Equal(t, 4, reads)
}

func TestPrepareRefusesInvalidRequestsNamingTheProblem(t *testing.T) {
	a := newAPI(t)
	for fields, want := range map[string]string{
		msg("prepare", "url", "ftp://x.test/"):                            `scheme "ftp"`,
		msg("prepare", "url", "https://x.test/", "body", "1"):             "a GET request cannot have a body",
		msg("prepare", "url", "https://x.test/", "h:Cookie", "a=1"):       "Cookie",
		msg("prepare", "url", "https://x.test/", "retry", "x"):            "internal error: the loader sent",
		msg("prepare", "url", "https://x.test/", "unknown", "1"):          "internal error",
		msg("nonsense", "url", "https://x.test/"):                         "internal error",
		msg("prepare", "url", "https://x.test/", "timeout", "soon"):       "internal error",
		msg("prepare", "url", "https://x.test/", "method", "GET", "lone"): "", // an odd field is ignored
	} {
		status, got := answer(t, a.Prepare(fields))
		if want == "" {
			require.Equal(t, "ok", status)
			continue
		}
		require.Equal(t, "err", status, fields)
		require.Contains(t, got["message"][0], want, fields)
	}
}

func TestRetryAnswersTheWait(t *testing.T) {
	a := newAPI(t)
	_, got := answer(t, a.Prepare(msg("prepare", "url", "https://x.test/", "retry", "2"+Item+"100"+Item+"0"+Item+"n"+Item+formatList([]string{"503"}))))
	spec := got["retry"][0]
	reply := a.Retry(msg(spec, "1", "GET", "http", "503", ""))
	require.True(t, strings.HasPrefix(reply, "ok"+Sep), reply)
	ms, err := millis(strings.TrimPrefix(reply, "ok"+Sep))
	require.NoError(t, err)
	require.True(t, ms >= 50_000_000 && ms <= 100_000_000, "equal jitter keeps 50 to 100ms, got %v", ms)
	require.Equal(t, "no", a.Retry(msg(spec, "1", "GET", "http", "500", "")), "500 is not in statusCodes")
	require.Equal(t, "no", a.Retry(msg(spec, "3", "GET", "http", "503", "")), "past the limit")
	require.Equal(t, "no", a.Retry(msg(spec, "1", "POST", "network", "0", "")), "POST is not retried")
	require.True(t, strings.HasPrefix(a.Retry(msg(spec, "1", "GET", "network", "0", "")), "ok"+Sep), "a network error is retried")
	require.Equal(t, "no", a.Retry(msg(spec, "1", "GET", "cors", "0", "")), "a CORS refusal never is")
	status, _ := answer(t, a.Retry(msg(spec, "1", "GET", "0", "")))
	require.Equal(t, "err", status, "the old question without a code is malformed")
	status, _ = answer(t, a.Retry("junk"))
	require.Equal(t, "err", status)
}

func TestPrepareSaysWhichFailuresAreProbed(t *testing.T) {
	a := newAPI(t)
	const pg = "https://app.example.com/index.html"
	probe := func(phase, url string, more ...string) []string {
		_, got := answer(t, a.Prepare(msg(append([]string{phase, "url", url, "page", pg}, more...)...)))
		return got["probe"]
	}
	require.Equal(t, []string{"1"}, probe("prepare", "https://api.example.com/x"), "cross-origin")
	require.Equal(t, []string{"1"}, probe("finish", "https://api.example.com/x"))
	require.Nil(t, probe("draft", "https://api.example.com/x"), "a draft is not sent")
	require.Nil(t, probe("prepare", "/x"), "same-origin")
	require.Nil(t, probe("prepare", "https://api.example.com/x", "mode", "no-cors"))

	_, got := answer(t, a.Setup(msg("noCORSProbe", "true")))
	require.Equal(t, []string{"true"}, got["noCORSProbe"], "ajaxSetup answers the opt-out")
	require.Nil(t, probe("prepare", "https://api.example.com/x"), "noCORSProbe turns it off")
	_, got = answer(t, a.Setup(msg("timeout", "10")))
	require.Equal(t, []string{"true"}, got["noCORSProbe"], "later calls keep it")
	_, got = answer(t, a.Setup(msg("noCORSProbe", "false")))
	require.Nil(t, got["noCORSProbe"])
	require.Equal(t, []string{"1"}, probe("prepare", "https://api.example.com/x"))
}

func TestPrepareRefusesAHeaderValueTheBrowserCannotSend(t *testing.T) {
	a := newAPI(t)
	status, got := answer(t, a.Prepare(msg("prepare", "url", "https://api.example.com/", "h:X-Greeting", "héllo ☃")))
	require.Equal(t, "err", status)
	require.Contains(t, got["message"][0], "invalid request")
	require.Contains(t, got["message"][0], "header X-Greeting value")
}

func TestMessageSaysWhatFailed(t *testing.T) {
	require.Equal(t, "credfetch: GET https://x.test/: timeout: no complete response within the 1.5s timeout",
		Message(msg("timeout", "GET", "https://x.test/", "1500")))
	require.Equal(t, "credfetch: GET https://x.test/: HTTP 404 Not Found", Message(msg("http", "GET", "https://x.test/", "", "404", "Not Found")))
	require.Contains(t, Message(msg("network", "GET", "https://x.test/", "Failed to fetch")), "network error (Failed to fetch). The browser gives scripts no reason")
	require.Equal(t, "credfetch: POST https://x.test/: aborted: the AbortSignal fired: stop", Message(msg("abort", "POST", "https://x.test/", "the AbortSignal fired: stop")))
	require.Equal(t, "credfetch: invalid request", Message(""))
	cors := Message(msg("cors", "GET", "https://x.test/", "Failed to fetch"))
	require.Contains(t, cors, "credfetch: GET https://x.test/: the browser refused the response under CORS (Failed to fetch)")
	require.Contains(t, cors, "Access-Control-Allow-Origin")
}

func TestOriginsChecksInstallsList(t *testing.T) {
	require.Equal(t, "ok", Origins(msg("https://api.example.com", "https://*.example.org")))
	status, got := answer(t, Origins(msg("https://ok.test", "https://a.test/")))
	require.Equal(t, "err", status)
	require.Contains(t, got["message"][0], `credfetch.install: origins[1] "https://a.test/" is not an origin as browsers write it`)
}

func TestListsAndRetryPoliciesRoundTrip(t *testing.T) {
	for _, xs := range [][]string{nil, {}, {""}, {"a", "b"}} {
		require.Equal(t, xs, list(formatList(xs)))
	}
	p, err := readRetry("3" + Item + "250" + Item + "4000" + Item + formatList([]string{"GET", "PUT"}) + Item + formatList([]string{"502"}))
	require.NoError(t, err)
	require.Equal(t, 3, p.Limit)
	require.Equal(t, []int{502}, p.StatusCodes)
	q, err := readRetry(formatRetry(p))
	require.NoError(t, err)
	require.Equal(t, p, q)
}

func FuzzMessagesNeverPanic(f *testing.F) {
	f.Add("prepare" + Sep + "url" + Sep + "https://x.test/")
	f.Add("draft" + Sep + "retry" + Sep + "1" + Item + "x")
	f.Add("h:X" + Sep + "1" + Sep + "timeout")
	a, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m := Message(s); !strings.HasPrefix(m, "credfetch: ") {
			t.Fatalf("Message(%q) = %q", s, m)
		}
		for _, reply := range []string{a.Prepare(s), a.Retry(s), Origins(s)} {
			if reply != "no" && !strings.HasPrefix(reply, "ok") && !strings.HasPrefix(reply, "err"+Sep) {
				t.Fatalf("reply %q is neither ok, no nor err", reply)
			}
		}
		b, _ := New(nil)
		if reply := b.Setup(s); !strings.HasPrefix(reply, "ok") && !strings.HasPrefix(reply, "err"+Sep) {
			t.Fatalf("Setup reply %q", reply)
		}
	})
}

func TestPrepareResolvesAgainstThePageTheLoaderNames(t *testing.T) {
	a := newAPI(t)
	answer(t, a.Setup(msg("credentials", "include")))
	status, got := answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/dashboard/", "url", "items?id=1")))
	require.Equal(t, "ok", status, got)
	require.Equal(t, []string{"https://app.example.com/dashboard/items?id=1"}, got["url"])
	require.Equal(t, []string{"include"}, got["credentials"], "the page's own origin gets the configured credentials")
}

func TestRelativeURLsResolveAgainstTheDocumentBaseAndTrustThePageOrigin(t *testing.T) {
	a := newAPI(t)
	answer(t, a.Setup(msg("credentials", "include", "page", "https://app.example.com/x/", "base", "https://app.example.com/app/")))
	status, got := answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/x/", "base", "https://app.example.com/app/", "url", "items")))
	require.Equal(t, "ok", status, got)
	require.Equal(t, []string{"https://app.example.com/app/items"}, got["url"], "a <base> element moves relative URLs, as in the browser's fetch()")
	require.Equal(t, []string{"include"}, got["credentials"])

	// A <base> on another origin moves the URL but does not make that
	// origin the page's: it gets no credentials.
	_, got = answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/x/", "base", "https://cdn.example.net/", "url", "items")))
	require.Equal(t, []string{"https://cdn.example.net/items"}, got["url"])
	require.Equal(t, []string{"same-origin"}, got["credentials"], "only the page's own origin and trusted ones get the configured credentials")

	answer(t, a.Setup(msg("baseURL", "api/", "page", "https://app.example.com/x/", "base", "https://app.example.com/app/")))
	_, got = answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/x/", "url", "items")))
	require.Equal(t, []string{"https://app.example.com/app/api/items"}, got["url"], "a relative baseURL resolves against the document base too")
}

func TestSetupResolvesARelativeBaseURLAgainstThePageItIsGiven(t *testing.T) {
	a := newAPI(t)
	answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/old/", "url", "https://app.example.com/x")))
	status, _ := answer(t, a.Setup(msg("baseURL", "api/", "page", "https://app.example.com/new/")))
	require.Equal(t, "ok", status)
	_, got := answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/new/", "url", "items")))
	require.Equal(t, []string{"https://app.example.com/new/api/items"}, got["url"], "resolved against the page Setup was given, not the last request's")
}

func TestAMessageWithoutAPageHasNoneNatively(t *testing.T) {
	a := newAPI(t)
	status, _ := answer(t, a.Prepare(msg("prepare", "page", "https://app.example.com/x/", "url", "items")))
	require.Equal(t, "ok", status)
	status, got := answer(t, a.Prepare(msg("prepare", "url", "items")))
	require.Equal(t, "err", status, "the page of an earlier message does not stay")
	require.Contains(t, got["message"][0], "no page location")
	status, got = answer(t, a.Setup(msg("baseURL", "api/")))
	require.Equal(t, "err", status)
	require.Contains(t, got["message"][0], "no page location")
}
