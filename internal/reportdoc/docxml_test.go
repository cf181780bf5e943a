package reportdoc

import "testing"

// TestRunEscapesAndBreaks: markup characters are escaped, and a line
// break in a text becomes a break inside the same paragraph.
func TestRunEscapesAndBreaks(t *testing.T) {
	d := &docw{}
	d.r(run{text: `a < b & "c"` + "\nd", bold: true, size: 24})
	want := `<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>` +
		`<w:t xml:space="preserve">a &lt; b &amp; &quot;c&quot;</w:t><w:br/><w:t xml:space="preserve">d</w:t></w:r>`
	if got := d.b.String(); got != want {
		t.Errorf("run =\n%s\nwant\n%s", got, want)
	}
}

// TestRuleUnder: a rule is centred and never longer than its block.
func TestRuleUnder(t *testing.T) {
	tests := []struct{ block, w, ind int }{
		{3969, 1323, 1323},
		{5386, 3780, 803},
		{1000, 5000, 0},
	}
	for _, tc := range tests {
		p := ruleUnder(tc.block, tc.w)
		if p.left != tc.ind || p.right != tc.ind || p.rule != "top" {
			t.Errorf("ruleUnder(%d, %d) = %+v, want indents %d", tc.block, tc.w, p, tc.ind)
		}
	}
}
