package smtptest_test

import (
	"mime"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hoptac/hoptac/internal/smtptest"
)

// send writes one message to the server the way any client does.
func send(s *smtptest.Server, to, subject, body string) error {
	msg := "From: =?utf-8?q?S=E1=BB=9F_T=C3=A0i_ch=C3=ADnh?= <hoptac@example.org>\r\n" +
		"To: " + to + "\r\n" +
		"Subject: " + mime.QEncoding.Encode("utf-8", subject) + "\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body + "\r\n"
	return smtp.SendMail(net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), nil, "hoptac@example.org", []string{to}, []byte(msg))
}

func TestServerKeepsAndDecodes(t *testing.T) {
	s := smtptest.Start(t)
	if err := send(s, "can-bo@tinh.gov.vn", "Đôn đốc gửi báo cáo năm 2026", "Đ=E1=BB=81 ngh=E1=BB=8B g=E1=BB=ADi"); err != nil {
		t.Fatal(err)
	}
	m := s.Await(t, "can-bo@tinh.gov.vn", 5*time.Second)
	if m.Subject != "Đôn đốc gửi báo cáo năm 2026" {
		t.Errorf("subject %q", m.Subject)
	}
	if strings.TrimSpace(m.Body) != "Đề nghị gửi" {
		t.Errorf("body %q", m.Body)
	}
	if m.From != "Sở Tài chính <hoptac@example.org>" {
		t.Errorf("from %q", m.From)
	}
	if got := s.Messages(); len(got) != 1 || got[0].From != "hoptac@example.org" || len(got[0].To) != 1 {
		t.Errorf("envelope %+v", got)
	}
}

func TestServerRefusesWhileFailing(t *testing.T) {
	s := smtptest.Start(t)
	s.SetFailing(true)
	if err := send(s, "a@example.org", "x", "y"); err == nil {
		t.Fatal("a failing server accepted a message")
	}
	if s.Refused() != 1 || len(s.Messages()) != 0 {
		t.Errorf("refused %d, kept %d", s.Refused(), len(s.Messages()))
	}
	s.SetFailing(false)
	if err := send(s, "a@example.org", "x", "y"); err != nil {
		t.Fatal(err)
	}
	if len(s.Messages()) != 1 {
		t.Errorf("kept %d after recovering", len(s.Messages()))
	}
}
