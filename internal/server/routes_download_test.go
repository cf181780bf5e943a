package server

// Downloads served by the routes: headers that keep a file from opening in the page.

import (
	"fmt"
	"strings"
	"testing"
)

// TestFileDownloadIsAttachment checks the evidence file served to every
// reader is the uploaded bytes, as a download.
func TestFileDownloadIsAttachment(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.uploadEvidence()
	for _, role := range []string{roleAdmin, roleAgency, roleOther, roleViewer} {
		t.Run(role, func(t *testing.T) {
			e := e.with(t)
			resp, body := e.get(e.clients[role], fmt.Sprintf("/files/%d", id))
			if resp.StatusCode != ok {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
				t.Errorf("Content-Disposition %q, want an attachment", cd)
			}
			if body != "%PDF-1.4\n%hoptac test\n" {
				t.Errorf("body %q", body)
			}
		})
	}
	resp, _ := e.get(e.clients[roleAdmin], fmt.Sprintf("/files/%d", id+1000))
	if resp.StatusCode != notFound {
		t.Errorf("missing file: status %d, want 404", resp.StatusCode)
	}
}
