package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer lets the test read what the server prints while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestServeDemo runs `hoptac serve --demo` as a user would, logs in with the
// printed one-time admin password, and reads the plan and its tasks
// through the API.
func TestServeDemo(t *testing.T) {
	addr := freeAddr(t)
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--demo", "--addr", addr, "--db", dbPath},
			Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("server did not stop")
		}
	})

	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), base) {
		if time.Now().After(deadline) {
			t.Fatalf("server did not start; stdout %q stderr %q", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	m := regexp.MustCompile(`admin\s+(\S+@\S+)\s+(\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no admin password printed: %q", out.String())
	}

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, err := client.PostForm(base+"/login", url.Values{"email": {m[1]}, "password": {m[2]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path == "/login" {
		t.Fatalf("login with printed password: status %d at %s", resp.StatusCode, resp.Request.URL)
	}

	var plans struct {
		Items []struct {
			ID        int64 `json:"id"`
			TaskCount int   `json:"task_count"`
		} `json:"items"`
		Total int `json:"total"`
	}
	getJSON(t, client, base+"/api/v1/plans", &plans)
	if plans.Total != 1 || len(plans.Items) != 1 {
		t.Fatalf("plans = %+v, want the one demo plan", plans)
	}
	var p struct {
		Groups []struct {
			Code  string `json:"code"`
			Tasks []struct {
				Code string `json:"code"`
				Lead []struct {
					Name string `json:"name"`
				} `json:"lead"`
				Status string `json:"status"`
			} `json:"tasks"`
		} `json:"groups"`
	}
	getJSON(t, client, fmt.Sprintf("%s/api/v1/plans/%d", base, plans.Items[0].ID), &p)
	tasks, multiLead := 0, 0
	var codes []string
	for _, g := range p.Groups {
		codes = append(codes, g.Code)
		for _, task := range g.Tasks {
			tasks++
			if len(task.Lead) > 1 {
				multiLead++
			}
		}
	}
	if strings.Join(codes, ",") != "I,II,III,IV,V" || tasks != 18 || multiLead == 0 {
		t.Errorf("groups %v, %d tasks, %d with several leads; want I..V, 18, some", codes, tasks, multiLead)
	}
}

func getJSON(t *testing.T, c *http.Client, u string, v any) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}
