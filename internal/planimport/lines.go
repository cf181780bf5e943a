package planimport

// SourceLines returns the file's lines numbered as Parse numbers them
// (index n-1 holds line n), so a review screen can show each part of a
// Result beside the text it came from.
func SourceLines(name string, data []byte) ([]string, error) {
	src, err := load(name, data)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, l := range src.lines {
		n = max(n, l.n)
	}
	out := make([]string, n)
	for _, l := range src.lines {
		if l.n > 0 {
			out[l.n-1] = l.text
		}
	}
	return out, nil
}
