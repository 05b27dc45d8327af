package cors_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/credfetch/credfetch/cors"
)

// send serves one request to h and prints its status, and the origin that
// may read the answer.
func send(h http.Handler, method, origin, site string) {
	r := httptest.NewRequest(method, "https://api.example.com/items", nil)
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	if site != "" {
		r.Header.Set("Sec-Fetch-Site", site)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	line := fmt.Sprintf("%s from %q, Sec-Fetch-Site %q: %d", method, origin, site, rec.Code)
	if acao := rec.Header().Get("Access-Control-Allow-Origin"); acao != "" {
		line += ", readable by " + acao
	}
	fmt.Println(line)
}

// With Credentials the policy also refuses cross-origin writes from origins
// it does not allow, before the handler runs: a plain form or a no-cors
// fetch from any site would otherwise act with the user's cookies, since
// CORS only keeps the answer from the page. One origin list serves both.
func ExampleConfig_writeProtection() {
	policy, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com"},
		Credentials: true, // write protection on: WriteProtectionAuto
	})
	if err != nil {
		panic(err)
	}
	api := policy.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	}))
	send(api, "POST", "https://app.example.com", "same-site")
	send(api, "POST", "https://evil.example", "cross-site") // a form on another site
	send(api, "POST", "", "cross-site")                     // a form sent without Origin
	send(api, "GET", "https://evil.example", "cross-site")  // reads are left to CORS
	send(api, "POST", "", "")                               // curl: not a browser

	r := httptest.NewRequest("POST", "https://api.example.com/items", nil)
	r.Header.Set("Origin", "https://evil.example")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	d := policy.Explain(r)
	fmt.Println(d.Write.Refused, d.Write.Reason)
	// Output:
	// POST from "https://app.example.com", Sec-Fetch-Site "same-site": 201, readable by https://app.example.com
	// POST from "https://evil.example", Sec-Fetch-Site "cross-site": 403
	// POST from "", Sec-Fetch-Site "cross-site": 403
	// GET from "https://evil.example", Sec-Fetch-Site "cross-site": 201
	// POST from "", Sec-Fetch-Site "": 201
	// true cross-origin-write
}

// Public adds a second tier: every origin may read without credentials
// (Access-Control-Allow-Origin: *), while the listed origins keep theirs.
// Credentials never go with "*", so a credentialed request from an origin
// not listed is refused by the browser.
func ExampleConfig_public() {
	policy, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com"},
		Credentials: true,
		Public:      true,
	})
	if err != nil {
		panic(err)
	}
	for _, origin := range []string{"https://app.example.com", "https://blog.example.net"} {
		r := httptest.NewRequest("GET", "https://api.example.com/catalogue", nil)
		r.Header.Set("Origin", origin)
		d := policy.Explain(r)
		fmt.Printf("%s: %s, Allow-Origin %q, Allow-Credentials %q, Vary %q\n", origin, d.Reason,
			d.Header.Get("Access-Control-Allow-Origin"), d.Header.Get("Access-Control-Allow-Credentials"), d.Header.Get("Vary"))
	}
	// Output:
	// https://app.example.com: allowed, Allow-Origin "https://app.example.com", Allow-Credentials "true", Vary "Origin"
	// https://blog.example.net: public, Allow-Origin "*", Allow-Credentials "", Vary "Origin"
}

// Reconfigure replaces a running policy's configuration atomically; a
// configuration New would refuse is refused and the old one stays.
func ExamplePolicy_Reconfigure() {
	policy, err := cors.New(cors.Config{Origins: []string{"https://app.example.com"}, Credentials: true})
	if err != nil {
		panic(err)
	}
	api := policy.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	send(api, "GET", "https://new.example.com", "")

	cfg := policy.Config()
	cfg.Origins = append(cfg.Origins, "https://new.example.com")
	if err := policy.Reconfigure(cfg); err != nil {
		panic(err)
	}
	send(api, "GET", "https://new.example.com", "")

	err = policy.Reconfigure(cors.Config{Origins: []string{"*"}, Credentials: true})
	fmt.Println(err != nil, len(policy.Config().Origins))
	// Output:
	// GET from "https://new.example.com", Sec-Fetch-Site "": 200
	// GET from "https://new.example.com", Sec-Fetch-Site "": 200, readable by https://new.example.com
	// true 2
}

// CrossOriginProtection hands the policy's origins to net/http's own
// protection, for handlers the policy does not wrap.
func ExamplePolicy_CrossOriginProtection() {
	policy, err := cors.New(cors.Config{Origins: []string{"https://app.example.com"}, Credentials: true})
	if err != nil {
		panic(err)
	}
	cop, err := policy.CrossOriginProtection()
	if err != nil {
		panic(err)
	}
	upload := cop.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	send(upload, "POST", "https://app.example.com", "cross-site")
	send(upload, "POST", "https://evil.example", "cross-site")

	patterns, _ := cors.New(cors.Config{Origins: []string{"https://*.example.com"}, Credentials: true})
	_, err = patterns.CrossOriginProtection()
	fmt.Println(err)
	// Output:
	// POST from "https://app.example.com", Sec-Fetch-Site "cross-site": 204
	// POST from "https://evil.example", Sec-Fetch-Site "cross-site": 403
	// cors: http.CrossOriginProtection trusts exact origins only, so it cannot hold Config.Origins[0] "https://*.example.com"; list the origins one by one, or let the policy's Wrap protect the handler (Config.WriteProtection)
}
