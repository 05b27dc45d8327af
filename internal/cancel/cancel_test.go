package cancel

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCancelWithCause(t *testing.T) {
	c, cancel := WithCancel(context.Background())
	require.NoError(t, c.Err())
	require.NoError(t, Cause(c))
	boom := errors.New("boom")
	cancel(boom)
	cancel(errors.New("second")) // only the first counts
	<-c.Done()
	require.ErrorIs(t, c.Err(), context.Canceled)
	require.Same(t, boom, Cause(c))
}

func TestNilCauseIsCanceled(t *testing.T) {
	c, cancel := WithCancel(context.Background())
	cancel(nil)
	require.ErrorIs(t, Cause(c), context.Canceled)
}

func TestParentEndsTheChild(t *testing.T) {
	parent, cancelParent := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancelParent()
	c, cancel := WithCancel(parent)
	defer cancel(nil)
	select {
	case <-c.Done():
	case <-time.After(2 * time.Second):
		t.Fatal("the parent's deadline did not end the child")
	}
	require.ErrorIs(t, c.Err(), context.DeadlineExceeded)
	require.ErrorIs(t, Cause(c), context.DeadlineExceeded)

	grand, cancelGrand := WithCancel(c)
	defer cancelGrand(nil)
	<-grand.Done() // an ended parent ends the child at once
	require.ErrorIs(t, grand.Err(), context.DeadlineExceeded)
}

func TestChildCauseIsInherited(t *testing.T) {
	parent, cancelParent := WithCancel(context.Background())
	child, cancelChild := WithCancel(parent)
	defer cancelChild(nil)
	why := errors.New("why")
	cancelParent(why)
	<-child.Done()
	require.Same(t, why, Cause(child))
}

func TestDeadlineAndValueAreTheParents(t *testing.T) {
	type key struct{}
	deadline := time.Now().Add(time.Hour)
	parent, cancelParent := context.WithDeadline(context.WithValue(context.Background(), key{}, "v"), deadline)
	defer cancelParent()
	c, cancel := WithCancel(parent)
	defer cancel(nil)
	d, ok := c.Deadline()
	require.True(t, ok)
	require.True(t, d.Equal(deadline))
	require.Equal(t, "v", c.Value(key{}))
}

func TestAfterFuncRunsOnceDone(t *testing.T) {
	c, cancel := WithCancel(context.Background())
	ran := make(chan struct{})
	stop := AfterFunc(c, func() { close(ran) })
	cancel(nil)
	select {
	case <-ran:
	case <-time.After(2 * time.Second):
		t.Fatal("f did not run")
	}
	require.False(t, stop(), "f had started: stop reports false")
}

func TestAfterFuncStopped(t *testing.T) {
	c, cancel := WithCancel(context.Background())
	var runs atomic.Int32
	stop := AfterFunc(c, func() { runs.Add(1) })
	require.True(t, stop())
	require.False(t, stop(), "a second stop reports false")
	cancel(nil)
	time.Sleep(20 * time.Millisecond)
	require.Zero(t, runs.Load())
}

func TestAfterFuncOnANeverDoneContext(t *testing.T) {
	stop := AfterFunc(context.Background(), func() { t.Error("must not run") })
	require.True(t, stop())
	require.False(t, stop())
}
