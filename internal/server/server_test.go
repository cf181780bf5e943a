package server

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// selfSigned writes a certificate and key for 127.0.0.1 and returns their
// paths.
func selfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hoptac test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// Under TLS every answer tells the browser to keep to HTTPS; over plain
// HTTP, where the header means nothing and would promise HTTPS that may
// not be set up, none does.
func TestHSTSOnlyUnderTLS(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tlsSrv := httptest.NewTLSServer(e.srv.Handler())
	t.Cleanup(tlsSrv.Close)
	for _, path := range []string{"/login", "/api/v1/openapi.json", "/static/style.css", "/nope"} {
		resp, err := tlsSrv.Client().Get(tlsSrv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Strict-Transport-Security"); got != "max-age=31536000" {
			t.Errorf("HTTPS %s: Strict-Transport-Security %q, want max-age=31536000", path, got)
		}
		plain, _ := e.get(e.clients[roleAnon], path)
		if got := plain.Header.Values("Strict-Transport-Security"); len(got) != 0 {
			t.Errorf("HTTP %s: Strict-Transport-Security %q, want none", path, got)
		}
	}
}

// Serve speaks TLS with the configured certificate, sends HSTS, and stops
// when its context ends; a certificate that cannot be read fails New, so
// the start fails before anything is loaded or announced.
func TestServeTLS(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cert, key := selfSigned(t)
	if _, err := New(e.db, Config{TLSCert: cert + ".missing", TLSKey: key, Log: slog.New(slog.DiscardHandler)}); err == nil {
		t.Error("New with a missing certificate succeeded")
	}
	srv, err := New(e.db, Config{TLSCert: cert, TLSKey: key, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()

	pool := x509.NewCertPool()
	pem, _ := os.ReadFile(cert)
	pool.AppendCertsFromPEM(pem)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("GET /healthz over TLS: status %d, HSTS %q", resp.StatusCode, resp.Header.Get("Strict-Transport-Security"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after its context ended: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not stop")
	}
}

// Listen on a port in use fails at once, naming the address.
func TestListenBusyPort(t *testing.T) {
	t.Parallel()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, err = Listen(context.Background(), busy.Addr().String())
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Fatalf("Listen on a busy port: %v, want a *net.OpError", err)
	}
}
