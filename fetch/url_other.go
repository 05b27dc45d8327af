//go:build !js

package fetch

import (
	"errors"
	"net/url"
	"strings"
)

// parseURL resolves ref against base (which may be empty when ref is
// absolute) with net/url, standing in for the browser's URL class.
func parseURL(ref, base string) (urlParts, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return urlParts{}, unwrapURLError(err)
	}
	if base != "" {
		b, err := url.Parse(base)
		if err != nil {
			return urlParts{}, unwrapURLError(err)
		}
		u = b.ResolveReference(u)
	}
	if !u.IsAbs() {
		return urlParts{}, errors.New("not an absolute URL")
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	origin := scheme + "://" + host
	if port != "" {
		origin += ":" + port
	}
	u.Scheme, u.Host = scheme, strings.TrimSuffix(host+":"+port, ":")
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.Opaque == "" && (scheme == "http" || scheme == "https") {
		u.Path = "/"
	}
	search := ""
	if u.RawQuery != "" || u.ForceQuery {
		search = "?" + u.RawQuery
	}
	return urlParts{
		Href: u.String(), Origin: origin, Scheme: scheme, Hostname: host, Port: port,
		Path: u.EscapedPath(), Search: search, HasUser: u.User != nil,
	}, nil
}

// unwrapURLError drops url.Error's repetition of the operation and URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
