package demo

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Session cookie facts, part of the API contract.
const (
	// SessionCookie is the name of the cookie POST /api/login sets. Its value
	// is USER.ID.EXPIRY.SIGNATURE: ID is a random session id (base64url),
	// EXPIRY the Unix second after which the session is over, and SIGNATURE
	// the unpadded base64url encoding of HMAC-SHA256(session key,
	// "USER.ID.EXPIRY").
	SessionCookie = "credfetch_session"
	// DefaultUser is who POST /api/login logs in when the body names nobody.
	DefaultUser = "ada"
	// MinSessionKeyBytes is the shortest session key Listen accepts.
	MinSessionKeyBytes = 32
	// SessionLifetime is how long a session lasts after its login.
	SessionLifetime = 12 * time.Hour
	// maxRevoked bounds the ids of sessions ended by logout that are kept
	// until they expire; see sessions.revoke.
	maxRevoked = 1 << 16
)

// sessions signs and checks session cookies and knows their attributes.
type sessions struct {
	key       []byte
	crossSite bool // SameSite=None; Secure; Partitioned
	secure    bool // Secure (cross-site mode or TLS)
	now       func() time.Time

	mu sync.Mutex
	// revoked holds the ids of sessions ended by logout, with their
	// expiry, until they expire.
	revoked map[string]int64
	// notBefore ends every session that expires before it; revoke raises
	// it when revoked is full, ending every session so far rather than
	// forgetting a logout, and sign never issues an expiry below it.
	notBefore int64
}

// newSessions returns the sessions of a server.
func newSessions(key []byte, crossSite, secure bool) *sessions {
	return &sessions{key: key, crossSite: crossSite, secure: secure, now: time.Now, revoked: map[string]int64{}}
}

// token is a checked session cookie value.
type token struct {
	user, id string
	expiry   int64
}

// sign returns the cookie value of a new session for user.
func (s *sessions) sign(user string) string {
	var id [16]byte
	_, _ = rand.Read(id[:])
	s.mu.Lock()
	expiry := max(s.now().Add(SessionLifetime).Unix(), s.notBefore)
	s.mu.Unlock()
	payload := user + "." + base64.RawURLEncoding.EncodeToString(id[:]) + "." + strconv.FormatInt(expiry, 10)
	return payload + "." + base64.RawURLEncoding.EncodeToString(s.mac(payload))
}

func (s *sessions) mac(payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// Why a session cookie is refused.
var (
	errForged  = errors.New("is forged (its signature does not match this server's session key, for example after a restart with a new key)")
	errExpired = errors.New("has expired")
	errEnded   = errors.New("belongs to a session that was logged out")
)

// verify returns the session of a cookie value whose signature is valid,
// decoded strictly (one encoding per signature), that has not expired and
// was not logged out.
func (s *sessions) verify(value string) (token, error) {
	parts := strings.Split(value, ".")
	if len(parts) != 4 || checkUser(parts[0]) != nil {
		return token{}, errForged
	}
	payload := strings.Join(parts[:3], ".")
	got, err := base64.RawURLEncoding.Strict().DecodeString(parts[3])
	if err != nil || !hmac.Equal(got, s.mac(payload)) {
		return token{}, errForged
	}
	expiry, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return token{}, errForged
	}
	t := token{user: parts[0], id: parts[1], expiry: expiry}
	if s.now().Unix() >= expiry {
		return t, errExpired
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ended := s.revoked[t.id]; ended || expiry < s.notBefore {
		return t, errEnded
	}
	return t, nil
}

// revoke ends the session t on the server, so that a copy of its cookie
// no longer answers. Expired entries are dropped first; when maxRevoked
// remain, every session issued so far ends at once (notBefore): memory
// stays bounded, no logout is forgotten, and everyone logs in again.
func (s *sessions) revoke(t token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.revoked) >= maxRevoked {
		now := s.now().Unix()
		for id, exp := range s.revoked {
			if exp <= now || exp < s.notBefore {
				delete(s.revoked, id)
			}
		}
	}
	if len(s.revoked) >= maxRevoked {
		s.notBefore = max(s.notBefore, s.now().Add(SessionLifetime).Unix()+1)
		clear(s.revoked)
		return
	}
	s.revoked[t.id] = t.expiry
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
	why := errForged
	for _, c := range cookies {
		t, err := s.verify(c.Value)
		if err == nil {
			writeJSON(w, http.StatusOK, userBody{User: &t.user})
			return
		}
		why = err
	}
	writeError(w, http.StatusUnauthorized, "no session cookie: the %s cookie that came %v; log in again with POST /api/login", SessionCookie, why)
}

// logout handles POST /api/logout: it ends the sessions of the cookies
// that came on the server, so that a copied cookie no longer answers,
// deletes the cookie and answers {"user": null}.
func (s *sessions) logout(w http.ResponseWriter, r *http.Request) {
	for _, c := range r.CookiesNamed(SessionCookie) {
		if t, err := s.verify(c.Value); err == nil {
			s.revoke(t)
		}
	}
	http.SetCookie(w, s.cookie("", -1))
	writeJSON(w, http.StatusOK, userBody{})
}
