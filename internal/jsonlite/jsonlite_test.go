package jsonlite

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Unmarshal stands in for encoding/json in js/wasm; these tests decode
// the same inputs with both into the same types and compare the results.

type jsonInner struct {
	X int    `json:"x"`
	Y string `json:",omitempty"`
}

type JSONEmbedded struct {
	E      int
	Shadow string
	Deep   string
}

type jsonPtrEmbedded struct {
	P string
}

type jsonUpper string

func (u *jsonUpper) UnmarshalText(b []byte) error {
	if string(b) == "bad" {
		return errors.New("jsonUpper: bad")
	}
	*u = jsonUpper(strings.ToUpper(string(b)))
	return nil
}

type jsonRaw struct{ raw string }

func (r *jsonRaw) UnmarshalJSON(b []byte) error {
	r.raw = "raw:" + string(b)
	return nil
}

type jsonAll struct {
	JSONEmbedded
	*jsonPtrEmbedded
	Shadow    string `json:"shadow"`
	unexp     int
	Ignored   string `json:"-"`
	Dash      string `json:"-,"`
	Bytes     []byte
	When      time.Time
	Any       any
	M         map[string]int
	MI        map[int]string
	MU        map[jsonUpper]bool
	Arr       [2]int
	S         []jsonInner
	P         *jsonInner
	PP        **int
	F32       float32
	U8        uint8
	I8        int8
	U         jsonUpper
	Raw       jsonRaw
	RawP      *jsonRaw
	Str       fmt.Stringer
	Bool      bool
	Strs      []string
	Interface any `json:"iface"`
}

// jsonTargets make fresh values to decode into.
var jsonTargets = map[string]func() any{
	"any":     func() any { return new(any) },
	"all":     func() any { return new(jsonAll) },
	"map":     func() any { return new(map[string]any) },
	"slice":   func() any { return new([]any) },
	"ints":    func() any { return new([]int) },
	"string":  func() any { return new(string) },
	"float":   func() any { return new(float64) },
	"int":     func() any { return new(int) },
	"inner":   func() any { return new(jsonInner) },
	"pointer": func() any { return new(*jsonInner) },
	"prefilled all": func() any {
		return &jsonAll{Shadow: "keep", S: []jsonInner{{X: 1, Y: "a"}, {X: 2}}, M: map[string]int{"old": 1}, Arr: [2]int{7, 8}}
	},
	"prefilled any": func() any { v := any(&jsonInner{X: 5}); return &v },
}

var jsonInputs = []string{
	`null`, `true`, `false`, `0`, `-0`, `12`, `-12.5e3`, `1E2`, `0.1`, `1e400`, `-1e-400`,
	`"plain"`, `"esc \" \\ \/ \b \f \n \r \t"`, `"\u00e9\u4e16"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ude00x"`, `"\ud83d\u0041"`,
	"\"bad utf8 \xff\xfe\"", `"é"`,
	`[]`, `[1,2,3]`, `[1,"a",null,true,{"x":1}]`, `[[1,[2,[3]]]]`,
	`{}`, `{"x":1,"Y":"y"}`, `{"X":2,"y":"lower"}`, `{"x":"not a number","Y":"still set"}`, `{"x":1.5}`, `{"x":99999999999999999999}`,
	`{"E":1,"Shadow":"top","Deep":"d","P":"p"}`, `{"shadow":"tagged","SHADOW":"upper"}`,
	`{"Ignored":"no","-":"dash","unexp":3}`,
	`{"Bytes":"aGVsbG8="}`, `{"Bytes":"not base64!"}`, `{"Bytes":null}`,
	`{"When":"2024-01-02T03:04:05Z"}`, `{"When":"yesterday"}`,
	`{"Any":{"a":[1,2,{"b":null}]}}`,
	`{"M":{"a":1,"b":2}}`, `{"M":{"a":"x"}}`, `{"M":null}`,
	`{"MI":{"1":"one","-2":"minus two"}}`, `{"MI":{"x":"bad key"}}`,
	`{"MU":{"k":true}}`, `{"MU":{"bad":true}}`,
	`{"Arr":[1]}`, `{"Arr":[1,2,3]}`,
	`{"S":[{"x":1},{"x":2},{"x":3}]}`, `{"S":[]}`, `{"S":[{"Y":"only y"}]}`,
	`{"P":{"x":4}}`, `{"P":null}`, `{"PP":5}`, `{"PP":null}`,
	`{"F32":1.5}`, `{"F32":1e39}`, `{"U8":255}`, `{"U8":256}`, `{"U8":-1}`, `{"I8":-128}`, `{"I8":128}`,
	`{"U":"shout"}`, `{"U":"bad"}`, `{"U":1}`,
	`{"Raw":{"any":["thing"]}}`, `{"RawP":[1, 2]}`, `{"Raw":null}`,
	`{"Str":"x"}`, `{"Str":null}`, `{"Bool":1}`, `{"Bool":true}`, `{"Strs":["a",1,"c"]}`,
	`{"iface":{"nested":true}}`, ` { "x" : 1 , "Y" : "spaced" } `,
	// Syntax errors: nothing may change.
	``, ` `, `nul`, `tru`, `[1,]`, `{,}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1 2]`, `01`, `1.`, `-`, `.5`, `1e`, `+1`,
	`"unterminated`, `"bad \x escape"`, "\"ctrl \x01\"", `"\u12g4"`, `{"x":1} trailing`, `[1]]`, `{"x":1}}`, `'single'`,
	`[` + strings.Repeat(`[`, 50) + strings.Repeat(`]`, 51),
}

func TestDecodeJSONMatchesEncodingJSON(t *testing.T) {
	for _, in := range jsonInputs {
		for name, target := range jsonTargets {
			compareJSON(t, name, target, in)
		}
	}
}

func compareJSON(t *testing.T, name string, target func() any, in string) {
	t.Helper()
	want, got := target(), target()
	wantErr := json.Unmarshal([]byte(in), want)
	gotErr := Unmarshal([]byte(in), got)
	var syntaxErr *json.SyntaxError
	if errors.As(wantErr, &syntaxErr) || wantErr != nil && strings.Contains(wantErr.Error(), "unexpected end") {
		require.Error(t, gotErr, "%s %q: encoding/json: %v", name, in, wantErr)
		require.Equal(t, target(), got, "%s %q: a syntax error changes nothing", name, in)
		return
	}
	require.Equal(t, wantErr == nil, gotErr == nil, "%s %q: encoding/json: %v; Unmarshal: %v", name, in, wantErr, gotErr)
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s %q:\nencoding/json: %#v (%v)\ndecodeJSON:    %#v (%v)", name, in, deref(want), wantErr, deref(got), gotErr)
	}
}

func deref(v any) any { return reflect.ValueOf(v).Elem().Interface() }

func TestDecodeJSONErrors(t *testing.T) {
	var n int
	require.EqualError(t, Unmarshal([]byte(`1`), nil), "json: Unmarshal(nil)")
	require.EqualError(t, Unmarshal([]byte(`1`), n), "json: Unmarshal(non-pointer int)")
	require.EqualError(t, Unmarshal([]byte(`1`), (*int)(nil)), "json: Unmarshal(nil *int)")
	require.EqualError(t, Unmarshal([]byte(`"x"`), &n), "json: cannot unmarshal string into Go value of type int")
	var in jsonInner
	require.EqualError(t, Unmarshal([]byte(`{"x":"1"}`), &in), "json: cannot unmarshal string into Go struct field jsonInner.x of type int")
	require.EqualError(t, Unmarshal([]byte(`{"x":1,}`), &in), "invalid character '}' looking for beginning of object key string (offset 7)")
	require.EqualError(t, Unmarshal([]byte(`[1`), &n), "unexpected end of JSON input")
	require.EqualError(t, Unmarshal([]byte(strings.Repeat("[", jsonMaxDepth+2)), &n), "exceeded max depth")
}

// TestDecodeJSONRandomDocuments compares both decoders on generated documents
// and on mutations of them.
func TestDecodeJSONRandomDocuments(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		doc := randomJSON(rng, 0)
		if i%3 == 0 { // mutate one byte
			b := []byte(doc)
			b[rng.IntN(len(b))] = `{}[],:"\0aeflnrstu-.+ 1\x01`[rng.IntN(27)]
			doc = string(b)
		}
		for _, name := range []string{"any", "all", "inner", "map", "slice", "prefilled all", "prefilled any", "ints", "pointer"} {
			compareJSON(t, name, jsonTargets[name], doc)
		}
	}
}

func randomJSON(rng *rand.Rand, depth int) string {
	keys := []string{"x", "Y", "E", "Shadow", "shadow", "M", "S", "P", "Any", "iface", "Arr", "U8", "I8", "Bool", "Strs", "zz"}
	k := rng.IntN(10)
	if depth > 3 {
		k = 4 + rng.IntN(6)
	}
	switch k {
	case 0, 1:
		var b strings.Builder
		b.WriteString("{")
		for j := range rng.IntN(4) {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString(strconv.Quote(keys[rng.IntN(len(keys))]) + ":" + randomJSON(rng, depth+1))
		}
		return b.String() + "}"
	case 2, 3:
		parts := make([]string, rng.IntN(4))
		for j := range parts {
			parts[j] = randomJSON(rng, depth+1)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case 4:
		return strconv.Itoa(rng.IntN(600) - 300)
	case 5:
		return strconv.FormatFloat(rng.NormFloat64()*1e3, 'g', -1, 64)
	case 6:
		return strconv.Quote([]string{"", "a", "é", "\u2028", "tab\t", "\x00", "😀"}[rng.IntN(7)])
	case 7:
		return []string{"true", "false"}[rng.IntN(2)]
	case 8:
		return "null"
	default:
		return `"aGk="`
	}
}
