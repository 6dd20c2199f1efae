package nlp

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// anonHugeKB returns the process's memory on transparent huge pages.
func anonHugeKB(t *testing.T) int {
	f, err := os.Open("/proc/self/smaps_rollup")
	if err != nil {
		t.Skipf("no smaps_rollup: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "AnonHugePages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatalf("AnonHugePages line %q: %v", sc.Text(), err)
			}
			return n
		}
	}
	t.Skip("no AnonHugePages line in smaps_rollup")
	return 0
}

// TestHugePages checks that a filled weight table keeps its values and,
// where the kernel grants huge pages, moves onto them.
func TestHugePages(t *testing.T) {
	q := make([]int16, 9<<20/2) // 9 MB: at least three whole huge pages inside
	for i := range q {
		q[i] = int16(i * 7)
	}
	before := anonHugeKB(t)
	err := hugePages(q)
	for i, v := range q {
		if v != int16(i*7) {
			t.Fatalf("q[%d] = %d after HugePages, want %d", i, v, int16(i*7))
		}
	}
	// Small and empty tables are left alone.
	HugePages(q[:100])
	HugePages([]int16(nil))
	if err != nil {
		t.Skipf("the kernel collapses no pages here (%v): huge pages off or unsupported", err)
	}
	if after := anonHugeKB(t); after-before < 2048 {
		t.Errorf("AnonHugePages %d kB → %d kB after HugePages on 9 MB, want at least one more 2 MB page", before, after)
	}
}
