// Package unixz reads the Unix compress (.Z) format: the MUC-4 results
// (../shared/data/muc4/raw/results/*/scores-*.tar.Z) are kept in it.
// compress/lzw cannot read them: it knows neither the three-byte header
// nor compress's block mode, in which a CLEAR code resets the table, and
// every change of code width skips to the end of the current group of
// eight codes (as ncompress's decompress does).
package unixz

import (
	"errors"
	"fmt"
	"io"
)

const (
	magic0, magic1 = 0x1f, 0x9d
	blockModeFlag  = 0x80
	bitsMask       = 0x1f
	initBits       = 9
	clearCode      = 256
)

// ErrFormat is returned for input that is not a valid .Z stream.
var ErrFormat = errors.New("unixz: not a valid .Z stream")

// maxOutput bounds the decompressed size, so that a small corrupt input
// cannot ask for unbounded memory.
const maxOutput = 1 << 30

// Decompress returns the uncompressed bytes of a whole .Z stream.
func Decompress(in []byte) ([]byte, error) {
	if len(in) < 3 || in[0] != magic0 || in[1] != magic1 {
		return nil, fmt.Errorf("%w: bad magic", ErrFormat)
	}
	maxBits := int(in[2] & bitsMask)
	block := in[2]&blockModeFlag != 0
	if maxBits < initBits || maxBits > 16 {
		return nil, fmt.Errorf("%w: %d-bit codes", ErrFormat, maxBits)
	}
	data := in[3:]
	maxMaxCode := 1 << maxBits
	prefix := make([]uint16, maxMaxCode)
	suffix := make([]byte, maxMaxCode)
	for i := 0; i < 256; i++ {
		suffix[i] = byte(i)
	}
	first := 256
	if block {
		first = 257
	}
	var (
		out      []byte
		stack    []byte
		nBits    = initBits
		maxCode  = 1<<nBits - 1
		free     = first
		oldCode  = -1
		finChar  byte
		pos      = 0 // bit position in data
		segStart = 0 // where codes of the current width begin
		total    = len(data) * 8
	)
	// align skips to the end of the current group of eight codes, counted
	// from the start of the current width.
	align := func() {
		g := nBits * 8
		if r := (pos - segStart) % g; r != 0 {
			pos += g - r
		}
		segStart = pos
	}
	for {
		if free > maxCode && nBits < maxBits {
			align()
			nBits++
			if nBits == maxBits {
				maxCode = maxMaxCode
			} else {
				maxCode = 1<<nBits - 1
			}
		}
		if pos+nBits > total {
			break
		}
		// Read nBits bits, least significant first.
		code, got := 0, 0
		for got < nBits {
			b := int(data[(pos+got)>>3])
			off := (pos + got) & 7
			take := min(8-off, nBits-got)
			code |= (b >> off & (1<<take - 1)) << got
			got += take
		}
		pos += nBits
		if oldCode == -1 {
			if code >= 256 {
				return nil, fmt.Errorf("%w: first code %d", ErrFormat, code)
			}
			oldCode, finChar = code, byte(code)
			out = append(out, finChar)
			continue
		}
		if code == clearCode && block {
			align()
			free = first - 1
			nBits, maxCode = initBits, 1<<initBits-1
			continue
		}
		in := code
		stack = stack[:0]
		if code >= free {
			if code > free {
				return nil, fmt.Errorf("%w: code %d beyond table (%d)", ErrFormat, code, free)
			}
			stack = append(stack, finChar)
			code = oldCode
		}
		for code >= 256 {
			stack = append(stack, suffix[code])
			code = int(prefix[code])
		}
		finChar = suffix[code]
		stack = append(stack, finChar)
		if len(out)+len(stack) > maxOutput {
			return nil, fmt.Errorf("%w: output over %d bytes", ErrFormat, maxOutput)
		}
		for i := len(stack) - 1; i >= 0; i-- {
			out = append(out, stack[i])
		}
		if free < maxMaxCode {
			prefix[free], suffix[free] = uint16(oldCode), finChar
			free++
		}
		oldCode = in
	}
	return out, nil
}

// ReadAll reads a whole .Z stream from r and decompresses it.
func ReadAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return Decompress(b)
}
