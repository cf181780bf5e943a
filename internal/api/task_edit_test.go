package api_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/hoptac/hoptac/internal/plan"
)

// The ETag of GET /tasks/{id} is what PATCH takes in If-Match: sent back
// it edits, sent again after the edit it is refused with 409, and nothing
// changes.
func TestPatchTaskIfMatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	coord := e.token(coordinatorEmail)
	task := e.planTasks(t)[0]
	path := fmt.Sprintf("/api/v1/tasks/%d", task.ID)
	get := e.get(path, coord).must(t, http.StatusOK)
	etag := get.Header.Get("ETag")
	if etag != `"`+strconv.FormatInt(task.Rev, 10)+`"` {
		t.Fatalf("ETag %q, want the task's revision %d", etag, task.Rev)
	}
	patch := func(ifMatch, body string) response {
		return e.do(request{Method: "PATCH", Path: path, Token: coord, Body: body, Header: map[string]string{"If-Match": ifMatch}})
	}
	res := patch(etag, `{"timeframe":"Quý IV/2026","reason":"Lùi thời hạn"}`).must(t, http.StatusOK)
	var got taskJSON
	res.decode(t, &got)
	if got.Timeframe.Text != "Quý IV/2026" || got.Rev != task.Rev+1 || res.Header.Get("ETag") != fmt.Sprintf(`"%d"`, task.Rev+1) {
		t.Errorf("after the edit: %+v rev %d ETag %q", got.Timeframe, got.Rev, res.Header.Get("ETag"))
	}
	if len(got.Revisions) != 1 || got.Revisions[0].Reason != "Lùi thời hạn" || got.Revisions[0].Action != plan.RevisionEdit {
		t.Errorf("history %+v", got.Revisions)
	}
	patch(etag, `{"content":"Ghi đè"}`).apiErr(t, http.StatusConflict, "conflict")
	patch("W/"+res.Header.Get("ETag"), `{"reason":"x","support":[]}`).must(t, http.StatusOK)
	patch(`"abc"`, `{"content":"x"}`).apiErr(t, http.StatusBadRequest, "invalid")
	var after taskJSON
	e.get(path, coord).must(t, http.StatusOK).decode(t, &after)
	if after.Content != task.Content {
		t.Error("a refused edit changed the content")
	}
}
