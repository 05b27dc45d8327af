package cors_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/credfetch/credfetch/cors"
)

// New checks the whole configuration and reports every problem at once,
// each naming the field, the value and the fix.
func ExampleNew() {
	_, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com/", "*", "https://*.co.uk"},
		Credentials: true,
		Headers:     []string{"Cookie"},
		MaxAge:      48 * time.Hour,
	})
	fmt.Println(err)

	policy, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com", "https://*.example.com", "http://localhost:*"},
		Credentials: true,
		Methods:     []string{"PUT", "DELETE"},
		Headers:     []string{"Content-Type", "X-Requested-With"},
		Expose:      []string{"X-Request-Id"},
		MaxAge:      2 * time.Hour,
	})
	fmt.Println(policy != nil, err)
	// Output:
	// cors: Config.Origins[0] "https://app.example.com/" has a trailing slash, but an origin has no path; write "https://app.example.com"
	// cors: Config.Origins[1] "*" allows every origin, but browsers refuse Access-Control-Allow-Origin: * on credentialed responses; list the exact origins, or set Credentials to false
	// cors: Config.Origins[2] "https://*.co.uk" would allow every site under the public suffix "co.uk"; name your own domain, e.g. "https://*.example.co.uk"
	// cors: Config.Headers[0] "Cookie" is a forbidden request header that pages can never set, so no preflight asks for it; remove it
	// cors: Config.MaxAge "48h0m0s" is over 24 hours, more than any browser caches a preflight (Firefox caps at 24 h, Chromium at 2 h); use at most 24*time.Hour, or 2*time.Hour for Chromium
	// true <nil>
}

// Wrap answers preflights itself and adds the CORS headers to the responses
// of the wrapped handler.
func ExamplePolicy_Wrap() {
	policy, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com"},
		Credentials: true,
		Methods:     []string{"PUT"},
		Headers:     []string{"Content-Type"},
	})
	if err != nil {
		panic(err)
	}
	api := policy.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "hello")
	}))

	preflight := httptest.NewRequest(http.MethodOptions, "https://api.example.com/items", nil)
	preflight.Header.Set("Origin", "https://app.example.com")
	preflight.Header.Set("Access-Control-Request-Method", "PUT")
	preflight.Header.Set("Access-Control-Request-Headers", "content-type")
	rec := httptest.NewRecorder()
	api.ServeHTTP(rec, preflight)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Methods"), rec.Header().Get("Access-Control-Allow-Headers"))

	get := httptest.NewRequest(http.MethodGet, "https://api.example.com/items", nil)
	get.Header.Set("Origin", "https://app.example.com")
	rec = httptest.NewRecorder()
	api.ServeHTTP(rec, get)
	fmt.Println(rec.Code, rec.Body, rec.Header().Get("Access-Control-Allow-Origin"), rec.Header().Get("Access-Control-Allow-Credentials"))

	get.Header.Set("Origin", "https://evil.example")
	rec = httptest.NewRecorder()
	api.ServeHTTP(rec, get)
	fmt.Printf("%d %s %q\n", rec.Code, rec.Body, rec.Header().Get("Access-Control-Allow-Origin"))
	// Output:
	// 204 PUT content-type
	// 200 hello https://app.example.com true
	// 200 hello ""
}

// Explain tells what Wrap would do with a request, and why, without writing
// anything.
func ExamplePolicy_Explain() {
	policy, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com"},
		Credentials: true,
		Methods:     []string{"PUT"},
		Headers:     []string{"Content-Type"},
		MaxAge:      10 * time.Minute,
	})
	if err != nil {
		panic(err)
	}
	r := httptest.NewRequest(http.MethodOptions, "https://api.example.com/items", nil)
	r.Header.Set("Origin", "https://app.example.com")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	r.Header.Set("Access-Control-Request-Headers", "content-type,x-debug")
	fmt.Println(policy.Explain(r))
	fmt.Println()

	r.Header.Set("Access-Control-Request-Headers", "content-type")
	d := policy.Explain(r)
	fmt.Println(d.Allowed, d.Reason)
	fmt.Println(d)
	// Output:
	// CORS preflight, refused [header-not-allowed]
	// Request header "x-debug" (Access-Control-Request-Headers) is not allowed by Config.Headers, so the preflight is refused with 403 and no Access-Control-* header.
	// Status: 403
	//
	// true preflight-allowed
	// CORS preflight, allowed [preflight-allowed]
	// Preflight from origin "https://app.example.com" for method "PUT" with request headers "content-type" is allowed, so it is answered 204 with the CORS headers and the handler does not run.
	// Status: 204
	// Access-Control-Allow-Credentials: true
	// Access-Control-Allow-Headers: content-type
	// Access-Control-Allow-Methods: PUT
	// Access-Control-Allow-Origin: https://app.example.com
	// Access-Control-Max-Age: 600
	// Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
}

// Observe hands the one decision Wrap makes on each request to your code,
// before Wrap answers or calls the handler. Here it is logged, and kept in a
// slot that an outer middleware puts in the request's context, so that the
// handler refuses a state-changing request from a refused origin without
// deciding again.
func ExampleConfig_observe() {
	type slotKey struct{}
	policy, err := cors.New(cors.Config{
		Origins:     []string{"https://app.example.com"},
		Credentials: true,
		Methods:     []string{"PUT"},
		Observe: func(r *http.Request, d cors.Decision) {
			fmt.Println("cors:", r.Method, d.Reason)
			if slot, ok := r.Context().Value(slotKey{}).(*cors.Decision); ok {
				*slot = d
			}
		},
	})
	if err != nil {
		panic(err)
	}
	api := policy.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The handler reads the decision the policy made, without deciding again.
		if d := r.Context().Value(slotKey{}).(*cors.Decision); d.CORS && !d.Allowed {
			fmt.Fprintln(w, "served, but the browser keeps it from the page:", d.Reason)
			return
		}
		fmt.Fprintln(w, "served to the page")
	}))
	withSlot := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var d cors.Decision
		api.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), slotKey{}, &d)))
	})

	for _, origin := range []string{"https://app.example.com", "https://evil.example"} {
		r := httptest.NewRequest(http.MethodGet, "https://api.example.com/items/1", nil)
		r.Header.Set("Origin", origin)
		rec := httptest.NewRecorder()
		withSlot.ServeHTTP(rec, r)
		fmt.Print(rec.Code, " ", rec.Body)
	}
	// Output:
	// cors: GET allowed
	// 200 served to the page
	// cors: GET origin-not-allowed
	// 200 served, but the browser keeps it from the page: origin-not-allowed
}
