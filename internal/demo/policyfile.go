package demo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/credfetch/credfetch/cors"
)

// PolicyFile is the JSON form of a cors.Config that cmd/demo-server reads
// with -config. Every field is optional; an absent field is the zero value of
// cors.Config (no origin, no credentials, ...), so a file states the whole
// policy. Origins may hold "page" (PageOrigin) for the page origin. MaxAge is
// a number of seconds or a Go duration string such as "10m".
//
//	{
//	  "origins": ["page", "https://app.example.com"],
//	  "credentials": true,
//	  "methods": ["PUT", "DELETE"],
//	  "headers": ["content-type", "x-demo"],
//	  "expose": ["x-request-id"],
//	  "maxAge": "10m"
//	}
type PolicyFile struct {
	// Origins is cors.Config.Origins.
	Origins []string `json:"origins"`
	// Credentials is cors.Config.Credentials.
	Credentials bool `json:"credentials"`
	// Methods is cors.Config.Methods.
	Methods []string `json:"methods"`
	// Headers is cors.Config.Headers.
	Headers []string `json:"headers"`
	// Expose is cors.Config.Expose.
	Expose []string `json:"expose"`
	// MaxAge is cors.Config.MaxAge, in seconds or as a duration string.
	MaxAge json.RawMessage `json:"maxAge,omitempty"`
	// Public is cors.Config.Public.
	Public bool `json:"public"`
	// WriteProtection is cors.Config.WriteProtection: "" (on with
	// credentials), "on" or "off".
	WriteProtection cors.WriteProtection `json:"writeProtection"`
}

// maxPolicyFileBytes bounds what ReadPolicyFile reads.
const maxPolicyFileBytes = 1 << 20

// ReadPolicyFile reads a PolicyFile from path and returns its cors.Config.
// The file must hold one JSON object with only the fields of PolicyFile;
// every error names the file and the problem. The cors package checks the
// policy itself later, in Listen.
func ReadPolicyFile(path string) (cors.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return cors.Config{}, fmt.Errorf("-config %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPolicyFileBytes+1))
	if err != nil {
		return cors.Config{}, fmt.Errorf("-config %s: %w", path, err)
	}
	if len(data) > maxPolicyFileBytes {
		return cors.Config{}, fmt.Errorf("-config %s: the file is over %d bytes; a policy file is a small JSON object", path, maxPolicyFileBytes)
	}
	cfg, err := ParsePolicy(data)
	if err != nil {
		return cors.Config{}, fmt.Errorf("-config %s: %w", path, err)
	}
	return cfg, nil
}

// ParsePolicy decodes the JSON of a PolicyFile into a cors.Config.
func ParsePolicy(data []byte) (cors.Config, error) {
	var pf PolicyFile
	if err := decodeStrict(bytes.NewReader(data), &pf, "origins, credentials, methods, headers, expose, maxAge, public and writeProtection"); err != nil {
		if errors.Is(err, errEmptyBody) {
			return cors.Config{}, errors.New(`the file is empty: write a JSON object such as {"origins": ["page"], "credentials": true}`)
		}
		return cors.Config{}, err
	}
	cfg := cors.Config{
		Origins:     pf.Origins,
		Credentials: pf.Credentials,
		Methods:     pf.Methods,
		Headers:     pf.Headers,
		Expose:      pf.Expose,
		Public:      pf.Public,

		WriteProtection: pf.WriteProtection,
	}
	if len(pf.MaxAge) > 0 && string(pf.MaxAge) != "null" {
		d, err := parseMaxAge(pf.MaxAge)
		if err != nil {
			return cors.Config{}, err
		}
		cfg.MaxAge = d
	}
	return cfg, nil
}

// parseMaxAge reads maxAge as whole seconds or as a duration string.
func parseMaxAge(raw json.RawMessage) (time.Duration, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			return 0, fmt.Errorf(`maxAge %q is not a duration: write seconds as a number (600) or a duration such as "10m"`, s)
		}
		return d, nil
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n < 0 || n > int64(1<<31) {
		return 0, fmt.Errorf(`maxAge %s is not a whole number of seconds: write seconds as a number (600) or a duration such as "10m"`, raw)
	}
	return time.Duration(n) * time.Second, nil
}
