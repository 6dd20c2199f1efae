package ingest

import (
	"context"
	"math"
	"os"
)

// CountRecords returns the number of records of the file at path as
// Options.Records numbers them: the lines of JSON Lines (blank ones
// included), the records of WARC (requests and metadata included), the
// items of a feed, and 1 for any other input. Records are framed, not
// parsed, so counting a large WARC file costs a read of it, not an
// analysis. A file that cannot be read returns its error; a malformed one
// counts the records before the damage.
func CountRecords(ctx context.Context, path string, opt Options) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, invalid(path, err)
	}
	defer f.Close()
	n := 0
	opt.Records = Range{From: math.MaxInt}
	err = read(ctx, input{name: path, where: path, records: &n}, f, opt, func(Item) error { return nil })
	if n == 0 {
		n = 1
	}
	return n, err
}
