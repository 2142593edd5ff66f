package codec

// realisticRows is n 8-column DataRows like an analytics result: ids,
// names, e-mail, a NULL, timestamps, numerics, free text.
func realisticRows(minBytes int) (stream []byte, rows int) {
	for i := 0; len(stream) < minBytes; i++ {
		stream = appendRealisticRow(stream, i)
		rows++
	}
	return stream, rows
}
