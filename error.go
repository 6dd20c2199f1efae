package muster

import (
	"errors"
	"fmt"
)

// Kind classifies an Error so that the CLI and the HTTP API can map it to an
// exit code and a status in one place each.
type Kind string

// The kinds of error muster reports.
const (
	KindInvalid  Kind = "invalid"   // bad input: names the input and the problem
	KindNotFound Kind = "not_found" // no such document, entity or claim
	KindConflict Kind = "conflict"  // a write that contradicts stored state
	KindInternal Kind = "internal"  // a bug or an unavailable dependency
)

// Error is muster's error type: a stable Kind and a message meant for the user.
type Error struct {
	Kind    Kind
	Message string
	Err     error // underlying cause, for logs; may be nil
}

func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// ErrorKind returns the Kind of the first *Error in err's chain, or
// KindInternal when there is none.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}
