package fetch

import "context"

// Transport sends one complete request and returns the response: the
// contract between the Go client (package fetch/client) and what moves the
// bytes. The client calls it with a request a Policy prepared (settings
// merged, prefilters run, credentials applied), so the request it gets has an
// absolute URL, a method, and a Credentials mode. A Transport returns a
// network failure as an error; the client turns errors into *Error values and
// handles timeouts, retries and status checks. It must stop when ctx is done,
// and read the body as req.Read says.
//
// In the browser, the client's FetchAPI (the default) and XHR are the
// transports; tests and other platforms may supply their own.
type Transport interface {
	RoundTrip(ctx context.Context, req *Request) (*Response, error)
}

// TransportFunc adapts a function to the Transport interface.
type TransportFunc func(ctx context.Context, req *Request) (*Response, error)

// RoundTrip calls f(ctx, req).
func (f TransportFunc) RoundTrip(ctx context.Context, req *Request) (*Response, error) {
	return f(ctx, req)
}
