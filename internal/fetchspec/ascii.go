package fetchspec

// EqualFoldLower reports whether s is a byte-case-insensitive match for
// lower (Infra standard, "byte-case-insensitive", the comparison the Fetch
// standard uses for method and header names): equal once ASCII upper-case
// letters in s are lowered. lower must already be in lower case. Bytes
// outside ASCII never match a letter, unlike strings.EqualFold, which folds
// the Kelvin sign to "k".
func EqualFoldLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// hasPrefixFoldLower reports whether s starts with a byte-case-insensitive
// match for prefix, which must be in lower case.
func hasPrefixFoldLower(s, prefix string) bool {
	return len(s) >= len(prefix) && EqualFoldLower(s[:len(prefix)], prefix)
}

// LowerASCII returns s byte-lowercased (Infra standard, "byte-lowercase":
// ASCII upper-case letters lowered, every other byte kept). It returns s
// itself, without allocating, when s has no upper-case letter.
func LowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// UpperASCII returns s byte-uppercased (Infra standard, "byte-uppercase":
// ASCII lower-case letters raised, every other byte kept). It returns s
// itself, without allocating, when s has no lower-case letter.
func UpperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'a' <= b[j] && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
