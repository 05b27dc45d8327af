package fetch

import (
	"errors"
	"strings"
	"sync"

	"github.com/credfetch/credfetch/internal/jsutil"
	"github.com/hack-pad/safejs"
)

// parsed caches parseURL's answers: pages send the same URLs again and again,
// and each parse is several calls from Go into JavaScript, the costliest part
// of preparing a request. It holds at most maxParsed entries, and starts over
// when full.
var parsed struct {
	sync.Mutex
	m map[[2]string]urlParts
}

const maxParsed = 256

// parseURL resolves ref against base (which may be empty when ref is
// absolute) with the browser's URL class, so that credfetch sees a URL exactly
// as the browser will. It is one of the core's two js-tagged pieces (with
// isPlatformBody): its answer must be the browser's, which net/url
// (url_other.go) only approximates (IDN hostnames, for one).
func parseURL(ref, base string) (urlParts, error) {
	key := [2]string{ref, base}
	parsed.Lock()
	p, ok := parsed.m[key]
	parsed.Unlock()
	if ok {
		return p, nil
	}
	p, err := parseWithBrowser(ref, base)
	if err == nil {
		parsed.Lock()
		if len(parsed.m) >= maxParsed || parsed.m == nil {
			parsed.m = make(map[[2]string]urlParts, maxParsed)
		}
		parsed.m[key] = p
		parsed.Unlock()
	}
	return p, err
}

// parseWithBrowser is parseURL without the cache.
func parseWithBrowser(ref, base string) (urlParts, error) {
	ctor, err := jsutil.Global("URL")
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
	hrefValue, err := u.Get("href")
	if err != nil {
		return urlParts{}, errors.New("not a valid URL")
	}
	href, _ := hrefValue.String()
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href = href[:i]
	}
	if p, ok := splitHTTPHref(href); ok {
		return p, nil
	}
	get := func(name string) string {
		v, err := u.Get(name)
		if err != nil {
			return ""
		}
		s, _ := v.String()
		return s
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

// splitHTTPHref splits the href of an http or https URL, fragment removed,
// as the browser serializes it: scheme://[userinfo@]host[:port]/path[?query],
// the host lower-case (IPv6 in brackets), the port only when not the
// default, "@" in the userinfo percent-encoded, and a path that starts with
// "/". Reading the parts from the string costs one property read instead of
// eight (each a JS/Go boundary crossing). Other schemes report false.
func splitHTTPHref(href string) (urlParts, bool) {
	scheme, rest, ok := strings.Cut(href, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return urlParts{}, false
	}
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		return urlParts{}, false
	}
	authority, pathQuery := rest[:slash], rest[slash:]
	p := urlParts{Href: href, Scheme: scheme}
	hostPort := authority
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		p.HasUser, hostPort = true, authority[at+1:]
	}
	p.Hostname = hostPort
	if i := strings.LastIndexByte(hostPort, ':'); i >= 0 && !strings.HasSuffix(hostPort, "]") {
		p.Hostname, p.Port = hostPort[:i], hostPort[i+1:]
	}
	p.Origin = scheme + "://" + hostPort
	p.Path, p.Search = pathQuery, ""
	if q := strings.IndexByte(pathQuery, '?'); q >= 0 {
		p.Path = pathQuery[:q]
		if q+1 < len(pathQuery) {
			p.Search = pathQuery[q:]
		}
	}
	return p, true
}
