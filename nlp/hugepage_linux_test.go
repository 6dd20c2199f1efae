package nlp

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// vmaHugeKB returns the memory on transparent huge pages of the mapping
// holding address p, from /proc/self/smaps.
func vmaHugeKB(t *testing.T, p uintptr) int {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := vmaRange(line); ok {
			in = lo <= p && p < hi
			continue
		}
		if rest, ok := strings.CutPrefix(line, "AnonHugePages:"); ok && in {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatalf("AnonHugePages line %q: %v", line, err)
			}
			return n
		}
	}
	t.Skip("no mapping in smaps holds the table")
	return 0
}

// vmaRange parses the "lo-hi perms ..." line that opens a mapping.
func vmaRange(line string) (lo, hi uintptr, ok bool) {
	r, _, found := strings.Cut(line, " ")
	a, b, dash := strings.Cut(r, "-")
	if !found || !dash {
		return 0, 0, false
	}
	x, err1 := strconv.ParseUint(a, 16, 64)
	y, err2 := strconv.ParseUint(b, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(x), uintptr(y), true
}

// TestHugePages checks that a filled weight table keeps its values and,
// where the kernel grants huge pages, that its whole 2 MB pages are on
// them.
func TestHugePages(t *testing.T) {
	q := make([]int16, 9<<20/2) // 9 MB: at least three whole huge pages inside
	for i := range q {
		q[i] = int16(i * 7)
	}
	err := hugePages(q)
	for i, v := range q {
		if v != int16(i*7) {
			t.Fatalf("q[%d] = %d after HugePages, want %d", i, v, int16(i*7))
		}
	}
	// Small and empty tables are left alone.
	if err := hugePages(q[:100]); err != nil {
		t.Errorf("HugePages of 200 bytes: %v, want nothing done", err)
	}
	if err := hugePages([]int16(nil)); err != nil {
		t.Errorf("HugePages of nothing: %v", err)
	}
	if err != nil {
		t.Skipf("the kernel collapses no pages here (%v): huge pages off or unsupported", err)
	}
	if got := vmaHugeKB(t, uintptr(unsafe.Pointer(&q[0]))); got < 3*2048 {
		t.Errorf("the table's mapping has %d kB on huge pages after HugePages on 9 MB, want at least 6144", got)
	}
}
