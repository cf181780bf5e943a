package faulttest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
)

// apiJSONAs sends body as JSON with an account's token (an agency's
// officer, or the coordinator's) and returns the status and the answer,
// read whole.
func (h *harness) apiJSONAs(ctx context.Context, token, method, path string, body any) (int, []byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, h.base()+path, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client().Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, err // cut off mid-answer: not acknowledged
	}
	return resp.StatusCode, answer, nil
}

// getJSON reads path into v, failing the test on any other answer than 200.
func (h *harness) getJSON(ctx context.Context, path string, v any) {
	h.t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.base()+path, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+h.token)
	resp, err := h.client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(answer, v) != nil {
		h.t.Fatalf("GET %s: %d %.500s", path, resp.StatusCode, answer)
	}
}
