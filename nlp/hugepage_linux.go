package nlp

import "syscall"

// madvCollapse is Linux's MADV_COLLAPSE (6.1 and later), which the
// syscall package does not name.
const madvCollapse = 25

// collapse asks Linux to back b, aligned to huge pages, with huge pages
// now. An error (an older kernel, huge pages set to never, no memory to
// compact) leaves the small pages, which are only slower.
func collapse(b []byte) error { return syscall.Madvise(b, madvCollapse) }
