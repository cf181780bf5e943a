package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/faulttest"
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

// TestServeDemo runs `hoptac serve --demo` as a user would, logs in with the
// printed one-time admin password, and reads the plan and its tasks
// through the API.
func TestServeDemo(t *testing.T) {
	t.Parallel()
	addr := faulttest.FreeAddr(t)
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
	// The printed password is one-time: the first login leads to the form
	// that replaces it, and nowhere else until that is done.
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/account/password" {
		t.Fatalf("login with printed password: status %d at %s, want the password form", resp.StatusCode, resp.Request.URL)
	}
	const chosen = "mật khẩu quản trị của tôi"
	resp, err = client.PostForm(base+"/account/password", url.Values{"current": {m[2]}, "new": {chosen}, "confirm": {chosen}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/plans" {
		t.Fatalf("choosing a password: status %d at %s, want the plans", resp.StatusCode, resp.Request.URL)
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

// dialOnWrite is a stdout that, at every line the server prints, connects
// to addr before returning: whatever serve prints (demo passwords, the
// address) must come after the port accepts connections.
type dialOnWrite struct {
	syncBuffer
	addr   string
	failed chan string // one message per write made before the port was bound
}

func (d *dialOnWrite) Write(p []byte) (int, error) {
	c, err := net.DialTimeout("tcp", d.addr, 5*time.Second)
	if err != nil {
		d.failed <- fmt.Sprintf("printed %q before %s accepted connections: %v", p, d.addr, err)
	} else {
		c.Close()
	}
	return d.syncBuffer.Write(p)
}

// TestServeAnnouncesAfterBind: a script that waits for the announcement
// and connects at once must find the server listening.
func TestServeAnnouncesAfterBind(t *testing.T) {
	t.Parallel()
	addr := faulttest.FreeAddr(t)
	out := &dialOnWrite{addr: addr, failed: make(chan string, 100)}
	var errOut syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--demo", "--addr", addr, "--db", filepath.Join(t.TempDir(), "demo.db")},
			Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: &errOut, Getenv: func(string) string { return "" }})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "đang chạy tại http://"+addr) {
		if time.Now().After(deadline) {
			t.Fatalf("server did not announce itself; stdout %q stderr %q", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d after its context ended; stderr %q", code, errOut.String())
	}
	close(out.failed)
	for msg := range out.failed {
		t.Error(msg)
	}
	if !strings.Contains(out.String(), "admin@hoptac.local") {
		t.Errorf("demo passwords not printed: %q", out.String())
	}
}

// TestServeBusyPortLoadsNothing: with the port taken, serve --demo fails
// before it touches the database, so no one-time password is printed and
// lost, and the next start on a free port loads the demo and prints them.
func TestServeBusyPortLoadsNothing(t *testing.T) {
	t.Parallel()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := run(t, "", nil, "serve", "--demo", "--addr", busy.Addr().String(), "--db", dbPath)
	if code != 1 || !strings.Contains(errOut, busy.Addr().String()) {
		t.Errorf("serve on a busy port: code %d, stderr %q; want 1 and the address", code, errOut)
	}
	if out != "" {
		t.Errorf("serve on a busy port printed %q, want nothing", out)
	}
	if _, err := os.Stat(dbPath); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("serve on a busy port touched the database file: %v", err)
	}
}
