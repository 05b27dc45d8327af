package fetch

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says when a failed request is sent again. Retries are off unless
// Limit is above 0. Only idempotent methods are retried, only after a network
// error or a retryable status, never after the context is done or the timeout
// has run out.
type RetryPolicy struct {
	// Limit is the number of retries after the first attempt, at most
	// MaxRetryLimit; 0 turns retries off.
	Limit int
	// Methods are the methods to retry; nil means GET, HEAD, PUT, DELETE and
	// OPTIONS. Only idempotent methods are accepted.
	Methods []string
	// StatusCodes are the response statuses to retry; nil means 408, 429 and
	// every 5xx.
	StatusCodes []int
	// Delay is the wait before the first retry; each further retry waits
	// twice as long, with random jitter taking up to half of it away. Zero
	// means 300ms.
	Delay time.Duration
	// MaxDelay caps every wait; zero means 10s. A Retry-After header (seconds
	// or an HTTP date) sets the wait instead, and one longer than MaxDelay ends
	// the retries.
	MaxDelay time.Duration
}

// MaxRetryLimit bounds RetryPolicy.Limit.
const MaxRetryLimit = 10

var idempotentMethods = map[string]bool{"GET": true, "HEAD": true, "PUT": true, "DELETE": true, "OPTIONS": true}

// check returns the problems of p, naming field (Settings.Retry or
// Request.Retry) and the fix.
func (p *RetryPolicy) check(field string) error {
	var errs []error
	if p.Limit < 0 || p.Limit > MaxRetryLimit {
		errs = append(errs, fmt.Errorf("%s.Limit %d is out of range: use 0 (off) to %d", field, p.Limit, MaxRetryLimit))
	}
	for i, m := range p.Methods {
		if !idempotentMethods[strings.ToUpper(m)] {
			errs = append(errs, fmt.Errorf("%s.Methods[%d] %q is not idempotent: retrying it could repeat its effect; retry only GET, HEAD, PUT, DELETE or OPTIONS", field, i, m))
		}
	}
	for i, c := range p.StatusCodes {
		if c < 400 || c > 599 {
			errs = append(errs, fmt.Errorf("%s.StatusCodes[%d] %d is not an error status: use 400-599", field, i, c))
		}
	}
	if p.Delay < 0 || p.MaxDelay < 0 {
		errs = append(errs, fmt.Errorf("%s.Delay and MaxDelay must not be negative", field))
	}
	return errors.Join(errs...)
}

// retriesMethod reports whether p retries requests with method m.
func (p *RetryPolicy) retriesMethod(m string) bool {
	if p.Methods == nil {
		return idempotentMethods[m]
	}
	for _, x := range p.Methods {
		if strings.EqualFold(x, m) {
			return true
		}
	}
	return false
}

// retriesStatus reports whether p retries a response with this status.
func (p *RetryPolicy) retriesStatus(status int) bool {
	if p.StatusCodes == nil {
		return status >= 500 && status <= 599 || status == 408 || status == 429
	}
	for _, c := range p.StatusCodes {
		if c == status {
			return true
		}
	}
	return false
}

// Next says whether a request with this method, whose attempt number n (1
// for the first) failed, is sent again, and after how long. kind is how it
// failed: ErrStatus for a response with this status and Retry-After header
// value retryAfter ("" for none), ErrNetwork when no response came (status
// 0). ErrCORS, a response the browser refused under CORS, is never retried:
// the server answered, and will answer the same again; nor is any other
// kind. now is the current time and random(k) a uniform random number in
// [0, k), for the jitter. It leaves out what it cannot see: a timeout that
// would run out during the wait, and a caller who gave up. The Go client's Do
// applies the policy through it, and the JS API asks it after each failed
// attempt.
func (p *RetryPolicy) Next(n int, method string, kind error, status int, retryAfter string, now time.Time, random func(int64) int64) (time.Duration, bool) {
	switch {
	case kind == ErrNetwork:
		status = 0
	case kind != ErrStatus || status == 0 || !p.retriesStatus(status):
		return 0, false
	}
	if n > p.Limit || !p.retriesMethod(method) {
		return 0, false
	}
	var header Header
	if status != 0 && retryAfter != "" {
		header = Header{"Retry-After": {retryAfter}}
	}
	return p.wait(n, header, now, random)
}

// wait returns how long to wait before retry number n (1 for the first), and
// false when no retry should follow because the server asked for a longer
// wait than MaxDelay allows. header is the failed response's header, or nil
// after a network error.
func (p *RetryPolicy) wait(n int, header Header, now time.Time, random func(n int64) int64) (time.Duration, bool) {
	maxDelay := p.MaxDelay
	if maxDelay == 0 {
		maxDelay = 10 * time.Second
	}
	if after, ok := retryAfter(header.Get("Retry-After"), now); ok {
		return after, after <= maxDelay
	}
	d := p.Delay
	if d == 0 {
		d = 300 * time.Millisecond
	}
	for i := 1; i < n && d < maxDelay; i++ {
		d *= 2
	}
	d = min(d, maxDelay)
	// Equal jitter: keep at least half the wait, so retries spread out but
	// still back off.
	half := d / 2
	return half + time.Duration(random(int64(d-half)+1)), true
}

// httpDate is the preferred HTTP date format (RFC 9110, section 5.6.7).
const httpDate = "Mon, 02 Jan 2006 15:04:05 GMT"

// retryAfter parses a Retry-After value: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 1<<31)) * time.Second, true
	}
	if t, ok := parseHTTPDate(v); ok {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// parseHTTPDate parses the preferred HTTP date format, IMF-fixdate ("Sun, 06
// Nov 1994 08:49:37 GMT"), the only one servers may send today. It stands in
// for time.Parse, which would add some 40 KB to a js/wasm module.
func parseHTTPDate(v string) (time.Time, bool) {
	if len(v) != len(httpDate) || v[3] != ',' || v[4] != ' ' || v[7] != ' ' || v[11] != ' ' ||
		v[16] != ' ' || v[19] != ':' || v[22] != ':' || v[25:] != " GMT" {
		return time.Time{}, false
	}
	month := strings.Index("JanFebMarAprMayJunJulAugSepOctNovDec", v[8:11])
	day, ok1 := digits(v[5:7])
	year, ok2 := digits(v[12:16])
	hour, ok3 := digits(v[17:19])
	minute, ok4 := digits(v[20:22])
	sec, ok5 := digits(v[23:25])
	if month < 0 || month%3 != 0 || !(ok1 && ok2 && ok3 && ok4 && ok5) || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}, false
	}
	return time.Unix(unixDays(year, month/3+1, day)*86400+int64(hour*3600+minute*60+sec), 0), true
}

// unixDays returns the number of days from 1970-01-01 to the given date of
// the proleptic Gregorian calendar (the usual days-from-civil computation). It
// stands in for time.Date, which links the time zone machinery.
func unixDays(year, month, day int) int64 {
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := y / 400 // years are >= 0 here: four digits
	yoe := y - era*400
	m := int64(month)
	if m > 2 {
		m -= 3
	} else {
		m += 9
	}
	doy := (153*m+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// digits parses a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
