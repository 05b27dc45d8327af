package jsutil

import "github.com/hack-pad/safejs"

// The document a Go program runs in, for the Page fields fetch needs: each
// answer is "" outside a page (Node.js, a worker without a document).

// DocumentURL returns globalThis.location.href, or "".
func DocumentURL() string {
	loc, err := safejs.Global().Get("location")
	if err != nil || loc.Type() != safejs.TypeObject {
		return ""
	}
	return Prop(loc, "href")
}

// DocumentBase returns the document's base URL, document.baseURI, else
// DocumentURL's answer.
func DocumentBase() string {
	if doc, err := safejs.Global().Get("document"); err == nil && doc.Type() == safejs.TypeObject {
		if base := Prop(doc, "baseURI"); base != "" {
			return base
		}
	}
	return DocumentURL()
}

// DocumentCookie returns document.cookie, or "" (no document, or a sandboxed
// document whose cookie getter throws).
func DocumentCookie() string {
	doc, err := safejs.Global().Get("document")
	if err != nil || doc.Type() != safejs.TypeObject {
		return ""
	}
	return Prop(doc, "cookie")
}
