package client_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/fetch/client"
)

// fakeAPI stands in for the browser: in js/wasm the default Transport is
// client.FetchAPI (fetch()) and client.XHR is the other. It answers every
// request with what it was sent.
var fakeAPI = fetch.TransportFunc(func(ctx context.Context, req *fetch.Request) (*fetch.Response, error) {
	body := fmt.Sprintf(`{"url":%q,"credentials":%q,"requestedWith":%q}`,
		req.URL, req.Credentials, req.Header.Get("X-Requested-With"))
	if strings.HasSuffix(req.URL, "/missing") {
		return fetch.NewResponse(404, "Not Found", req.URL, false, nil, nil, nil), nil
	}
	return fetch.NewResponse(200, "OK", req.URL, false, fetch.Header{"Content-Type": {"application/json"}}, []byte(body), nil), nil
})

func ExampleClient() {
	c, err := client.New(fetch.Settings{
		BaseURL:        "https://api.example.com/v1",
		Credentials:    fetch.Include, // for the API's origin and TrustedOrigins only
		TrustedOrigins: []string{"https://auth.example.com"},
		Timeout:        10 * time.Second,
		ValidateStatus: fetch.StatusOK,
		Transport:      fakeAPI,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	for _, url := range []string{
		"/me",                             // joined to BaseURL: trusted
		"https://auth.example.com/token",  // a trusted origin
		"https://public.example.net/feed", // a third party: no cookies
	} {
		resp, err := c.Do(ctx, &fetch.Request{URL: url})
		if err != nil {
			fmt.Println(err)
			continue
		}
		var got struct{ URL, Credentials string }
		if err := resp.JSON(&got); err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(resp.Status, got.URL, got.Credentials)
	}

	// ValidateStatus turns a 404 into an error that errors.Is tells apart.
	_, err = c.Do(ctx, &fetch.Request{URL: "/missing"})
	var fe *fetch.Error
	fmt.Println(errors.Is(err, fetch.ErrStatus), errors.As(err, &fe) && fe.Response.Status == 404)
	fmt.Println(err)
	// Output:
	// 200 https://api.example.com/v1/me include
	// 200 https://auth.example.com/token include
	// 200 https://public.example.net/feed same-origin
	// true true
	// credfetch: GET https://api.example.com/v1/missing: HTTP 404 Not Found
}

func ExampleClient_Prefilter() {
	c, err := client.New(fetch.Settings{Transport: fakeAPI})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Like $.ajaxPrefilter: runs before every request, after the settings are
	// merged, and may change any field...
	c.Prefilter(func(r *fetch.Request) error {
		r.Header.Set("X-Requested-With", "XMLHttpRequest")
		return nil
	})
	// ...or cancel the request by returning an error.
	removeHTTPSOnly := c.Prefilter(func(r *fetch.Request) error {
		if strings.HasPrefix(r.URL, "http://") {
			return errors.New("plain http is not allowed")
		}
		return nil
	})

	ctx := context.Background()
	resp, err := c.Do(ctx, &fetch.Request{URL: "https://api.example.com/items"})
	if err != nil {
		fmt.Println(err)
		return
	}
	var got struct{ RequestedWith string }
	_ = resp.JSON(&got)
	fmt.Println("sent X-Requested-With:", got.RequestedWith)

	_, err = c.Do(ctx, &fetch.Request{URL: "http://api.example.com/items"})
	fmt.Println(errors.Is(err, fetch.ErrAborted))
	fmt.Println(err)

	removeHTTPSOnly()
	_, err = c.Do(ctx, &fetch.Request{URL: "http://api.example.com/items"})
	fmt.Println("after removing it:", err)
	// Output:
	// sent X-Requested-With: XMLHttpRequest
	// true
	// credfetch: GET http://api.example.com/items: aborted: prefilter 1 canceled the request: plain http is not allowed
	// after removing it: <nil>
}

func ExampleClient_OnResponse() {
	c, err := client.New(fetch.Settings{Transport: fakeAPI})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Response hooks run after the status check, like axios's response
	// interceptors; an error fails the request.
	c.OnResponse(func(resp *fetch.Response) error {
		if resp.Header.Get("Content-Type") != "application/json" {
			return fmt.Errorf("want JSON, got %q", resp.Header.Get("Content-Type"))
		}
		return nil
	})
	_, err = c.Do(context.Background(), &fetch.Request{URL: "https://api.example.com/missing"})
	fmt.Println(err)
	// Output:
	// credfetch: GET https://api.example.com/missing: aborted: response hook 0: want JSON, got ""
}
