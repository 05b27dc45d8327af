//go:build !js

package jsonlite

import "encoding/json"

// Decode is encoding/json's Unmarshal outside js/wasm, where its size does
// not matter.
func Decode(data []byte, v any) error { return json.Unmarshal(data, v) }
