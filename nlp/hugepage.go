package nlp

import (
	"encoding/binary"
	"fmt"
	"io"
	"unsafe"
)

// hugePage is the size of an x86-64 and arm64 transparent huge page.
const hugePage = 2 << 20

// HugePages asks the operating system to back the whole 2 MB pages inside
// s with huge pages, for a model's weight table that is filled once and
// then read at random. The taggers, the parser and the attribution model
// look up tens of features per token in tables of 16 to 36 MB; over
// 4 KB pages almost every lookup also misses the TLB, and over 2 MB pages
// the tables fit in it. It changes no value of s, and does nothing where
// the system declines (another OS, huge pages disabled, s under 2 MB).
//
// Call it after filling s: it collapses the pages already present (Linux
// MADV_COLLAPSE), without marking the memory for huge pages once the
// table is freed and the heap reuses it.
func HugePages[E any](s []E) { _ = hugePages(s) }

// hugePages is HugePages with the system's answer; nil when s holds no
// whole huge page.
func hugePages[E any](s []E) error {
	if len(s) == 0 {
		return nil
	}
	var e E
	size := uintptr(len(s)) * unsafe.Sizeof(e)
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), size)
	lo := (hugePage - uintptr(unsafe.Pointer(&s[0]))%hugePage) % hugePage
	if lo+hugePage > size {
		return nil
	}
	return collapse(b[lo : size-(size-lo)%hugePage])
}

// ReadWeights fills q with little-endian int16 weights read from r and
// puts them on huge pages (HugePages). It decodes through a small buffer:
// binary.Read would first copy the whole table into a byte slice as
// large again (16 MB more for the attribution model while it loads), and
// decodes through an interface call a weight.
func ReadWeights(r io.Reader, q []int16) error {
	if err := DecodeWeights(r, q); err != nil {
		return err
	}
	HugePages(q)
	return nil
}

// DecodeWeights is ReadWeights without HugePages, for a table read in
// parts.
func DecodeWeights(r io.Reader, q []int16) error {
	var buf [1 << 15]byte
	for done := 0; done < len(q); {
		c := min(len(buf)/2, len(q)-done)
		if _, err := io.ReadFull(r, buf[:2*c]); err != nil {
			return fmt.Errorf("weights %d of %d: %w", done, len(q), err)
		}
		for j := range c {
			q[done+j] = int16(binary.LittleEndian.Uint16(buf[2*j:]))
		}
		done += c
	}
	return nil
}
