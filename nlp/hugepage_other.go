//go:build !linux

package nlp

// collapse does nothing outside Linux: the tables stay on the system's
// pages.
func collapse([]byte) error { return nil }
