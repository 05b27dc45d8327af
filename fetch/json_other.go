//go:build !js

package fetch

import "encoding/json"

// decodeJSON is encoding/json's Unmarshal outside the browser.
func decodeJSON(data []byte, v any) error { return json.Unmarshal(data, v) }
