package fetch

import (
	"sync"
	"sync/atomic"
)

// hookList is a list of functions that Do reads without locking: adding or
// removing one copies the list.
type hookList[F any] struct {
	mu   sync.Mutex
	next uint64
	list atomic.Pointer[[]hook[F]]
}

type hook[F any] struct {
	id uint64
	fn F
}

// add appends fn and returns a function that removes it; calling that more
// than once is harmless.
func (l *hookList[F]) add(fn F) (remove func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	id := l.next
	old := l.load()
	list := make([]hook[F], len(old), len(old)+1)
	copy(list, old)
	list = append(list, hook[F]{id, fn})
	l.list.Store(&list)
	return func() { l.remove(id) }
}

func (l *hookList[F]) remove(id uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.load()
	list := make([]hook[F], 0, len(old))
	for _, h := range old {
		if h.id != id {
			list = append(list, h)
		}
	}
	l.list.Store(&list)
}

// load returns the current list; the caller must not change it.
func (l *hookList[F]) load() []hook[F] {
	if p := l.list.Load(); p != nil {
		return *p
	}
	return nil
}
