package fetchhttp_test

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/fetch/client"
	"github.com/credfetch/credfetch/fetch/fetchhttp"
)

// Code written for net/http sends through the browser with the client's
// credentials and prefilters. (In a browser, leave Transport unset: the
// client uses fetch(). Here a stand-in answers.)
func ExampleRoundTripper() {
	c, err := client.New(fetch.Settings{
		Credentials:    fetch.Include,
		TrustedOrigins: []string{"https://api.example.com"},
		Transport: fetch.TransportFunc(func(_ context.Context, r *fetch.Request) (*fetch.Response, error) {
			body := fmt.Sprintf("%s %s with credentials %q", r.Method, r.URL, r.Credentials)
			return fetch.NewResponse(200, "OK", r.URL, false, nil, []byte(body), nil), nil
		}),
	})
	if err != nil {
		panic(err)
	}
	hc := &http.Client{Transport: fetchhttp.RoundTripper(c)}
	res, err := hc.Get("https://api.example.com/whoami")
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.Status)
	fmt.Println(string(body))
	// Output:
	// 200 OK
	// GET https://api.example.com/whoami with credentials "include"
}
