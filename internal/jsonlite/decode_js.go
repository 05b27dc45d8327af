package jsonlite

// Decode is Unmarshal in js/wasm, where encoding/json would add about 165 KB
// (gzip) to the module.
func Decode(data []byte, v any) error { return Unmarshal(data, v) }
