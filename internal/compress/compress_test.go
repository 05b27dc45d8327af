package compress

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/require"
)

func TestEncodingsRoundTripAndRepeat(t *testing.T) {
	data := bytes.Repeat([]byte("credfetch \x00asm "), 5000)
	gz, err := Gzip(data)
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	require.Empty(t, zr.Name)
	require.True(t, zr.ModTime.IsZero())
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Equal(t, data, plain)

	br, err := Brotli(data)
	require.NoError(t, err)
	plain, err = io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	require.NoError(t, err)
	require.Equal(t, data, plain)
	require.Less(t, len(br), len(data)/10)

	again, err := Brotli(data)
	require.NoError(t, err)
	require.Equal(t, br, again, "the same input gives the same bytes")
	gzAgain, err := Gzip(data)
	require.NoError(t, err)
	require.Equal(t, gz, gzAgain)
}
