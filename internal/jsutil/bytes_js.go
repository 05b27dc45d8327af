package jsutil

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// BytesToJS copies b into a new Uint8Array.
func BytesToJS(b []byte) (safejs.Value, error) {
	arr, err := New("Uint8Array", len(b))
	if err != nil {
		return safejs.Undefined(), err
	}
	if _, err := safejs.CopyBytesToJS(arr, b); err != nil {
		return safejs.Undefined(), err
	}
	return arr, nil
}

// BytesFromJS copies an ArrayBuffer or a Uint8Array into a new slice with one
// copy; null and undefined give an empty slice.
func BytesFromJS(v safejs.Value) ([]byte, error) {
	if !IsSet(v) {
		return []byte{}, nil
	}
	if !InstanceOf(v, "Uint8Array") {
		var err error
		if v, err = New("Uint8Array", v); err != nil {
			return nil, fmt.Errorf("read the body bytes: %w", err)
		}
	}
	n, err := v.Length()
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(b, v); err != nil {
		return nil, fmt.Errorf("copy the body bytes: %w", err)
	}
	return b, nil
}
