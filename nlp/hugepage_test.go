package nlp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
)

// TestReadWeights reads a table longer than ReadWeights's buffer and
// reports a truncated one.
func TestReadWeights(t *testing.T) {
	want := make([]int16, 40000)
	for i := range want {
		want[i] = int16(i*37 - 20000)
	}
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, want)
	raw := b.Bytes()
	got := make([]int16, len(want))
	if err := ReadWeights(bytes.NewReader(raw), got); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("weight %d = %d, want %d", i, got[i], want[i])
		}
	}
	err := ReadWeights(bytes.NewReader(raw[:len(raw)-3]), got)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated table: error %v, want unexpected EOF", err)
	}
}
