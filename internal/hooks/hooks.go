// Package hooks holds the lists of functions that run around each request:
// fetch.Policy's prefilters and the Go client's response hooks. A request
// reads its list without locking; adding or removing a function copies it.
package hooks

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// List is a list of functions of type F. The zero List is empty and ready to
// use; a List must not be copied after first use.
type List[F any] struct {
	mu   sync.Mutex
	next uint64
	list atomic.Pointer[[]Entry[F]]
}

// Entry is one function of a List.
type Entry[F any] struct {
	id uint64
	// Fn is the function.
	Fn F
}

// Add appends fn and returns a function that removes it; calling that more
// than once is harmless.
func (l *List[F]) Add(fn F) (remove func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	id := l.next
	old := l.Load()
	list := make([]Entry[F], len(old), len(old)+1)
	copy(list, old)
	list = append(list, Entry[F]{id, fn})
	l.list.Store(&list)
	return func() { l.remove(id) }
}

func (l *List[F]) remove(id uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.Load()
	list := make([]Entry[F], 0, len(old))
	for _, h := range old {
		if h.id != id {
			list = append(list, h)
		}
	}
	l.list.Store(&list)
}

// Load returns the current list, in the order the functions were added; the
// caller must not change it.
func (l *List[F]) Load() []Entry[F] {
	if p := l.list.Load(); p != nil {
		return *p
	}
	return nil
}

// Call returns fn(v), turning a panic into an error ("panicked: ...").
func Call[T any](fn func(T) error, v T) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panicked: %v", p)
		}
	}()
	return fn(v)
}
