package nlp

// RowOffsets appends to rows the offset of each feature's row in a
// hashed weight table of n weights a row (f&mask times n). The scorers
// take every row's offset first and then sum the rows: the loads of the
// summing loop issue back to back, so more cache misses are in flight
// than when each row's offset is computed between its loads. Pass a
// stack buffer's rows[:0]; a mask of all ones for features already in
// range compiles to no AND.
func RowOffsets[F uint32 | uint64](rows []int, fs []F, mask F, n int) []int {
	for _, f := range fs {
		rows = append(rows, int(f&mask)*n)
	}
	return rows
}
