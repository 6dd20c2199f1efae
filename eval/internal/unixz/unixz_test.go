package unixz

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The .Z files in testdata were written by ncompress 5.0 (Debian's
// compress): words9 with 9-bit codes (many CLEARs), words12 with 12, words
// with the default 16 (every width change), tiny and empty at the edges.
func TestDecompress(t *testing.T) {
	for _, tt := range []struct{ z, plain string }{
		{"tiny.txt.Z", "tiny.txt"},
		{"empty.txt.Z", "empty.txt"},
		{"words.txt.Z", "words.txt"},
		{"words9.txt.Z", "words.txt"},
		{"words12.txt.Z", "words.txt"},
	} {
		t.Run(tt.z, func(t *testing.T) {
			z, err := os.ReadFile(filepath.Join("testdata", tt.z))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", tt.plain))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decompress(z)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got %d bytes, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestDecompressBadInput(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":          nil,
		"gzip magic":     {0x1f, 0x8b, 0x08},
		"too many bits":  {0x1f, 0x9d, 0x91, 0, 0},
		"too few bits":   {0x1f, 0x9d, 0x88, 0, 0},
		"code too large": {0x1f, 0x9d, 0x90, 0x41, 0xfe, 0xff},
	} {
		if _, err := Decompress(in); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
}

// TestMUC4Results reads the 1992 systems' score archive, when ../shared is
// beside the repo: a tar whose GE entry is there.
func TestMUC4Results(t *testing.T) {
	f, err := os.Open("../../../../shared/data/muc4/raw/results/TST3/scores-pass1.tst3.nrad.tar.Z")
	if err != nil {
		t.Skipf("MUC-4 results not found (%v): the test needs ../shared beside the repo", err)
	}
	defer f.Close()
	b, err := ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(bytes.NewReader(b))
	found := false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		found = found || h.Name == "GE/scores.tst3-pass1.nrad"
	}
	if !found {
		t.Error("no GE/scores.tst3-pass1.nrad in the archive")
	}
}

// FuzzDecompress: any input gives bytes or ErrFormat, never a panic.
func FuzzDecompress(f *testing.F) {
	for _, name := range []string{"tiny.txt.Z", "empty.txt.Z"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0x1f, 0x9d, 0x90, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) > 1<<12 {
			return
		}
		if _, err := Decompress(in); err != nil && !errors.Is(err, ErrFormat) {
			t.Errorf("error %v is not ErrFormat", err)
		}
	})
}
