package demo

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Limits of the in-memory item list.
const (
	// MaxItems is how many items /api/items holds at most.
	MaxItems = 100
	// MaxItemName is the longest item name, in characters.
	MaxItemName = 100
)

// Item is one entry of /api/items.
type Item struct {
	// ID identifies the item in /api/items/{id}.
	ID int `json:"id"`
	// Name is 1 to MaxItemName printable characters.
	Name string `json:"name"`
	// Done marks the item as done.
	Done bool `json:"done"`
}

// items is the in-memory list behind /api/items, safe for concurrent use.
type items struct {
	mu   sync.Mutex
	list []Item
	next int
}

func newItems() *items {
	s := &items{next: 1}
	for _, name := range []string{"log in from the page origin", "send a PUT: it needs a preflight", "break it in the CORS lab"} {
		s.list = append(s.list, Item{ID: s.next, Name: name})
		s.next++
	}
	return s
}

// itemFields is the JSON a client sends; pointers tell absent from zero.
type itemFields struct {
	Name *string `json:"name"`
	Done *bool   `json:"done"`
}

const itemFieldNames = `"name" (a string) and "done" (true or false)`

// checkName accepts 1 to MaxItemName printable characters.
func checkName(name string) error {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > MaxItemName || !utf8.ValidString(name) {
		return fmt.Errorf("name %q must be 1 to %d characters of valid UTF-8", truncate(name, 40), MaxItemName)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("name %q holds the control character %U: send printable text", truncate(name, 40), r)
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// readFields decodes the request body into itemFields.
func readFields(w http.ResponseWriter, r *http.Request, what string) (itemFields, bool) {
	var f itemFields
	if err := decodeStrict(r.Body, &f, itemFieldNames); err != nil {
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeBodyError(w, err)
		case errors.Is(err, errEmptyBody):
			writeError(w, http.StatusBadRequest, `%s: the body is empty: send JSON such as {"name":"milk"}`, what)
		default:
			writeError(w, http.StatusBadRequest, `%s: %v; send JSON such as {"name":"milk","done":false}`, what, err)
		}
		return f, false
	}
	if f.Name != nil {
		if err := checkName(*f.Name); err != nil {
			writeError(w, http.StatusBadRequest, "%s: %v", what, err)
			return f, false
		}
	}
	return f, true
}

// list handles GET /api/items: {"items": [...]}.
func (s *items) listAll(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	list := slices.Clone(s.list)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string][]Item{"items": list})
}

// create handles POST /api/items: {"name": ..., "done"?: ...} → 201 and the
// item, with Location naming it.
func (s *items) create(w http.ResponseWriter, r *http.Request) {
	f, ok := readFields(w, r, "create an item")
	if !ok {
		return
	}
	if f.Name == nil {
		writeError(w, http.StatusBadRequest, `create an item: "name" is missing: send JSON such as {"name":"milk"}`)
		return
	}
	s.mu.Lock()
	if len(s.list) >= MaxItems {
		s.mu.Unlock()
		writeError(w, http.StatusConflict, "create an item: the list is full (%d items): delete one first with DELETE /api/items/{id}", MaxItems)
		return
	}
	it := Item{ID: s.next, Name: *f.Name, Done: f.Done != nil && *f.Done}
	s.next++
	s.list = append(s.list, it)
	s.mu.Unlock()
	w.Header().Set("Location", "/api/items/"+strconv.Itoa(it.ID))
	writeJSON(w, http.StatusCreated, it)
}

// one handles GET, PUT, PATCH and DELETE on /api/items/{id}.
func (s *items) one(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("id")
	id, err := strconv.Atoi(raw)
	if err != nil || id < 1 {
		writeError(w, http.StatusBadRequest, "item id %q is not a positive whole number: use an id from GET /api/items", truncate(raw, 40))
		return
	}
	var f itemFields
	switch r.Method {
	case http.MethodPut:
		var ok bool
		if f, ok = readFields(w, r, "replace item "+raw); !ok {
			return
		}
		if f.Name == nil {
			writeError(w, http.StatusBadRequest, `replace item %d: PUT replaces the whole item, so "name" is required; use PATCH to change only some fields`, id)
			return
		}
	case http.MethodPatch:
		var ok bool
		if f, ok = readFields(w, r, "change item "+raw); !ok {
			return
		}
		if f.Name == nil && f.Done == nil {
			writeError(w, http.StatusBadRequest, `change item %d: nothing to change: send "name", "done" or both`, id)
			return
		}
	}

	s.mu.Lock()
	i := slices.IndexFunc(s.list, func(it Item) bool { return it.ID == id })
	if i < 0 {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, "no item %d: GET /api/items lists the items there are", id)
		return
	}
	it := &s.list[i]
	switch r.Method {
	case http.MethodPut:
		it.Name, it.Done = *f.Name, f.Done != nil && *f.Done
	case http.MethodPatch:
		if f.Name != nil {
			it.Name = *f.Name
		}
		if f.Done != nil {
			it.Done = *f.Done
		}
	case http.MethodDelete:
		s.list = slices.Delete(s.list, i, i+1)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]int{"deleted": id})
		return
	}
	out := *it
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}
