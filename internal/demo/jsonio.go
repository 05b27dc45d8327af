package demo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
)

// errEmptyBody is what decodeStrict returns for input without any JSON.
var errEmptyBody = errors.New("empty JSON input")

// decodeStrict decodes exactly one JSON value from r into v, refusing unknown
// fields and trailing data. Its errors say what is wrong in words a person
// fixing the input can use; fields lists the accepted field names.
func decodeStrict(r io.Reader, v any, fields string) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonProblem(err, fields)
	}
	var extra json.RawMessage
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		return jsonProblem(err, fields)
	default:
		return errors.New("the JSON holds more than one value: send a single object")
	}
}

// jsonProblem rewrites an encoding/json error for people.
func jsonProblem(err error, fields string) error {
	var (
		syntax   *json.SyntaxError
		typeErr  *json.UnmarshalTypeError
		tooLarge *http.MaxBytesError
	)
	switch {
	case errors.Is(err, io.EOF):
		return errEmptyBody
	case errors.As(err, &tooLarge):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON ends in the middle of a value: send a complete object")
	case errors.As(err, &syntax):
		return fmt.Errorf("the JSON is invalid at byte %d: %v", syntax.Offset, syntax)
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return fmt.Errorf("the JSON is %s, not an object: send an object with the fields %s", jsonKind(typeErr.Value), fields)
		}
		return fmt.Errorf("field %q is %s: it must be %s", typeErr.Field, jsonKind(typeErr.Value), kindName(typeErr.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return fmt.Errorf("unknown field %s: the accepted fields are %s", name, fields)
	default:
		return fmt.Errorf("the JSON cannot be read: %v", err)
	}
}

// jsonKind names a JSON value kind as encoding/json reports it, with an
// article.
func jsonKind(v string) string {
	switch {
	case v == "array", v == "object", v == "array or object":
		return "an " + v
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number"):
		return "a number"
	default:
		return "a " + v
	}
}

// kindName says in words what JSON a Go type takes.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return kindName(t.Elem())
	default:
		return "an object"
	}
}

// errorBody is the JSON of every error response of the API origin.
type errorBody struct {
	Error string `json:"error"`
}

// writeError writes {"error": msg} with the given status.
func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, errorBody{Error: fmt.Sprintf(format, args...)})
}
