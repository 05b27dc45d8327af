// Package fetchhttp lets Go code written against net/http send its requests
// through a client.Client (package fetch/client), and so through the
// browser, with the client's credentials, prefilters, timeout and retries.
// It is a package of its own because net/http roughly doubles the size of a
// js/wasm module: programs that do not use it, credfetch.wasm among them, do
// not pay for it.
package fetchhttp

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/credfetch/credfetch/fetch"
	"github.com/credfetch/credfetch/fetch/client"
)

// RoundTripper returns an http.RoundTripper that sends each request with
// c.Do. Use it as the Transport of an http.Client:
//
//	hc := &http.Client{Transport: fetchhttp.RoundTripper(client)}
//
// The browser follows redirects itself, so the http.Client sees the final
// response. As net/http expects, a status the client's ValidateStatus rejects
// is returned as a response, not as an error; other failures are the
// client's *fetch.Error, which errors.Is and errors.As find through the
// *url.Error the http.Client wraps it in.
func RoundTripper(c *client.Client) http.RoundTripper {
	return roundTripper{c}
}

type roundTripper struct{ c *client.Client }

// RoundTrip implements http.RoundTripper.
func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	fr := &fetch.Request{
		Method: req.Method,
		URL:    req.URL.String(),
		Header: fetch.Header(req.Header.Clone()),
	}
	if req.Body != nil && req.Body != http.NoBody {
		body, err := io.ReadAll(req.Body)
		closeErr := req.Body.Close()
		if err = errors.Join(err, closeErr); err != nil {
			return nil, &fetch.Error{Kind: fetch.ErrInvalid, Method: req.Method, URL: fr.URL, Err: err}
		}
		fr.Body = body
	}
	resp, err := rt.c.Do(req.Context(), fr)
	if err != nil {
		var e *fetch.Error
		if !errors.As(err, &e) || e.Kind != fetch.ErrStatus {
			return nil, err
		}
		resp = e.Response
	}
	return &http.Response{
		Status:        strconv.Itoa(resp.Status) + " " + statusText(resp),
		StatusCode:    resp.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header(resp.Header),
		Body:          io.NopCloser(bytes.NewReader(resp.Body)),
		ContentLength: int64(len(resp.Body)),
		Request:       req,
	}, nil
}

// statusText is the response's reason phrase, or the standard one when the
// browser gave none (HTTP/2 has no reason phrases).
func statusText(r *fetch.Response) string {
	if r.StatusText != "" {
		return r.StatusText
	}
	return http.StatusText(r.Status)
}
