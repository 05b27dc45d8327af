package demo

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strings"
)

// Session cookie facts, part of the API contract.
const (
	// SessionCookie is the name of the cookie POST /api/login sets. Its value
	// is USER.SIGNATURE, where SIGNATURE is the unpadded base64url encoding of
	// HMAC-SHA256(session key, USER).
	SessionCookie = "credfetch_session"
	// DefaultUser is who POST /api/login logs in when the body names nobody.
	DefaultUser = "ada"
	// MinSessionKeyBytes is the shortest session key Listen accepts.
	MinSessionKeyBytes = 16
)

// sessions signs and checks session cookies and knows their attributes.
type sessions struct {
	key       []byte
	crossSite bool // SameSite=None; Secure; Partitioned
	secure    bool // Secure (cross-site mode or TLS)
}

// sign returns the cookie value for user.
func (s *sessions) sign(user string) string {
	return user + "." + base64.RawURLEncoding.EncodeToString(s.mac(user))
}

func (s *sessions) mac(user string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(user))
	return m.Sum(nil)
}

// verify returns the user of a cookie value whose signature is valid.
func (s *sessions) verify(value string) (string, bool) {
	i := strings.LastIndexByte(value, '.')
	if i < 0 {
		return "", false
	}
	user, sig := value[:i], value[i+1:]
	if checkUser(user) != nil {
		return "", false
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(user)) {
		return "", false
	}
	return user, true
}

// cookie builds the session cookie with the attributes of the mode; a
// negative maxAge deletes it (Max-Age=0).
func (s *sessions) cookie(value string, maxAge int) *http.Cookie {
	c := &http.Cookie{
		Name:     SessionCookie,
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   s.secure || s.crossSite,
		SameSite: http.SameSiteLaxMode,
	}
	if s.crossSite {
		c.SameSite = http.SameSiteNoneMode
		c.Partitioned = true
	}
	return c
}

// attributes describes the cookie's attributes for people.
func (s *sessions) attributes() string {
	c := s.cookie("", 0)
	line := c.String() // "credfetch_session=; Path=/; HttpOnly; ..."
	return strings.TrimPrefix(line, SessionCookie+"=; ")
}

// checkUser accepts 1 to 32 of [A-Za-z0-9_-].
func checkUser(name string) error {
	if name == "" || len(name) > 32 {
		return errors.New("must be 1 to 32 characters long")
	}
	if !nameChars(name) {
		return errors.New("may only hold letters A-Z and a-z, digits, _ and -")
	}
	return nil
}

// nameChars reports whether s holds only [A-Za-z0-9_-].
func nameChars(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// userBody is the JSON of POST /api/login and of the whoami, login and logout
// answers.
type userBody struct {
	User *string `json:"user"`
}

// login handles POST /api/login: an optional JSON body {"user": NAME}.
func (s *sessions) login(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeBodyError(w, err)
		return
	}
	user := DefaultUser
	if len(bytes.TrimSpace(body)) > 0 {
		var in userBody
		if err := decodeStrict(bytes.NewReader(body), &in, `"user"`); err != nil {
			writeError(w, http.StatusBadRequest, `login: %v; send {"user":"ada"} or no body`, err)
			return
		}
		if in.User != nil {
			user = *in.User
		}
	}
	if err := checkUser(user); err != nil {
		writeError(w, http.StatusBadRequest, "login: user %q %v; pick a name such as ada or grace_h", user, err)
		return
	}
	http.SetCookie(w, s.cookie(s.sign(user), 0))
	writeJSON(w, http.StatusOK, userBody{User: &user})
}

// whoami handles GET /api/whoami: 200 with the user of a valid session
// cookie, 401 saying whether the cookie was missing or forged.
func (s *sessions) whoami(w http.ResponseWriter, r *http.Request) {
	cookies := r.CookiesNamed(SessionCookie)
	if len(cookies) == 0 {
		writeError(w, http.StatusUnauthorized, "no session cookie: the request carried no %s cookie; log in with POST /api/login, then send this request with credentials (fetch: credentials: 'include'; XHR and jQuery: xhrFields: {withCredentials: true})", SessionCookie)
		return
	}
	for _, c := range cookies {
		if user, ok := s.verify(c.Value); ok {
			writeJSON(w, http.StatusOK, userBody{User: &user})
			return
		}
	}
	writeError(w, http.StatusUnauthorized, "no session cookie: the %s cookie that came is forged (its signature does not match this server's session key, for example after a restart with a new key); log in again with POST /api/login", SessionCookie)
}

// logout handles POST /api/logout: it deletes the cookie and answers
// {"user": null}.
func (s *sessions) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, s.cookie("", -1))
	writeJSON(w, http.StatusOK, userBody{})
}
