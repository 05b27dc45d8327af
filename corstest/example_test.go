package corstest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/credfetch/credfetch/cors"
	"github.com/credfetch/credfetch/corstest"
)

// newAPI serves "ok" behind a cors policy.
func newAPI(cfg cors.Config) *httptest.Server {
	policy, err := cors.New(cfg)
	if err != nil {
		panic(err) // a fixed, valid Config
	}
	return httptest.NewServer(policy.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok"))
	})))
}

// A credentialed request from the allowed origin passes in Chrome.
func Example() {
	api := newAPI(cors.Config{Origins: []string{"https://app.example.com"}, Credentials: true})
	defer api.Close()

	res, err := corstest.Run(context.Background(), corstest.Request{
		From:              "https://app.example.com",
		URL:               api.URL + "/items",
		Credentials:       "include",
		AllowLocalNetwork: true, // the page is public, httptest is loopback
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Allowed, res.Status, res.Preflight == nil)
	// Output: true 200 true
}

// A header the policy does not list: Chrome's reason, the header it names,
// and the cors.Config that lets it through.
func Example_refused() {
	api := newAPI(cors.Config{Origins: []string{"https://app.example.com"}})
	defer api.Close()

	res, err := corstest.Run(context.Background(), corstest.Request{
		From:              "https://app.example.com",
		URL:               api.URL + "/items",
		Method:            "PUT",
		Headers:           []corstest.Header{{Name: "X-Token", Value: "1"}},
		AllowLocalNetwork: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Allowed, res.CORSError)
	fmt.Println(res.Fix.Config)
	// Output:
	// false PreflightMissingAllowOriginHeader
	// cors.Config{
	// 	Origins: []string{"https://app.example.com"},
	// 	Methods: []string{"PUT"},
	// 	Headers: []string{"x-token"},
	// }
}
