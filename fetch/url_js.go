package fetch

import (
	"errors"
	"strings"

	"github.com/hack-pad/safejs"
)

// parseURL resolves ref against base (which may be empty when ref is
// absolute) with the browser's URL class, so that credfetch sees a URL exactly
// as the browser will.
func parseURL(ref, base string) (urlParts, error) {
	ctor, err := safejs.Global().Get("URL")
	if err != nil {
		return urlParts{}, err
	}
	var u safejs.Value
	if base == "" {
		u, err = ctor.New(ref)
	} else {
		u, err = ctor.New(ref, base)
	}
	if err != nil {
		return urlParts{}, errors.New("not a valid URL")
	}
	get := func(name string) string {
		v, err := u.Get(name)
		if err != nil {
			return ""
		}
		s, _ := v.String()
		return s
	}
	href := get("href")
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href = href[:i]
	}
	return urlParts{
		Href:     href,
		Origin:   get("origin"),
		Scheme:   strings.TrimSuffix(get("protocol"), ":"),
		Hostname: get("hostname"),
		Port:     get("port"),
		Path:     get("pathname"),
		Search:   get("search"),
		HasUser:  get("username") != "" || get("password") != "",
	}, nil
}
