package fetch

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestVersionIsSemantic(t *testing.T) {
	semver := regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$`)
	require.Regexp(t, semver, Version)
}
