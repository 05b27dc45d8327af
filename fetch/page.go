package fetch

// Page is the document a request is made from, what the Fetch standard calls
// the request's client. Its location's origin is the page's own, which gets
// Settings.Credentials; relative URLs resolve against its base URL; and
// Settings.XSRFCookieName is read from its cookies.
//
// Package fetch never reads a document: an empty field means the page has
// none, and the zero Page is no page at all, against which relative URLs are
// refused. Whoever sends the request fills it in: the JS API from the
// message of the page's loader, and the Go client (package fetch/client)
// from the document its program runs in, for the fields a request leaves
// empty.
type Page struct {
	// Location is the document's URL (location.href).
	Location string
	// Base is the document's base URL (document.baseURI), which a <base>
	// element moves away from Location. Empty means Location.
	Base string
	// Cookies are the cookies the document can read, as document.cookie
	// lists them: "a=1; b=2".
	Cookies string
}

// base returns the URL relative URLs resolve against: Base, else Location,
// else "" (no page).
func (p *Page) base() string {
	if p.Base != "" {
		return p.Base
	}
	return p.Location
}
