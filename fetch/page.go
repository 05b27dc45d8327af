package fetch

// Page is the document a request is made from, what the Fetch standard calls
// the request's client. Its location's origin is the page's own, which gets
// Settings.Credentials; relative URLs resolve against its base URL; and
// Settings.XSRFCookieName is read from its cookies.
//
// An empty field means the document's own. In a browser build (GOOS=js
// GOARCH=wasm) that is location.href, document.baseURI and document.cookie,
// read when a request needs them, so the zero Page is the page the program
// runs in and Go programs in a page never set one. Outside the browser there
// is no document: the zero Page is no page at all, and relative URLs are
// refused.
type Page struct {
	// Location is the document's URL (location.href).
	Location string
	// Base is the document's base URL (document.baseURI), which a <base>
	// element moves away from Location. Empty means Location when Location
	// is set.
	Base string
	// Cookies are the cookies the document can read, as document.cookie
	// lists them: "a=1; b=2".
	Cookies string
}

// location returns p's location, or the document's.
func (c *Client) location(p *Page) string {
	if p.Location != "" {
		return p.Location
	}
	return c.env.location()
}

// docBase returns p's base URL, or its location, or the document's base URL.
func (c *Client) docBase(p *Page) string {
	if p.Base != "" {
		return p.Base
	}
	if p.Location != "" {
		return p.Location
	}
	return c.env.base()
}

// cookies returns p's cookies, or the document's.
func (c *Client) cookies(p *Page) string {
	if p.Cookies != "" {
		return p.Cookies
	}
	return c.env.cookies()
}
