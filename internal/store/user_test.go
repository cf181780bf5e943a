package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/audit"
	"github.com/hoptac/hoptac/internal/auth"
	"github.com/hoptac/hoptac/internal/org"
	"github.com/hoptac/hoptac/internal/store"
)

func TestCreateUserAndAuthenticate(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	ag := createAgency(t, db, org.Agency{Name: "Sở Tài chính"})
	u := auth.User{Email: "  Can.Bo@SoTaiChinh.gov.vn ", Name: " Trần  Thị B ", Role: auth.RoleAgency, AgencyID: &ag.ID}
	update(t, db, func(tx *store.Tx) error { return tx.CreateUser(ctx, &u, testPassword) })
	if u.ID == 0 || u.Email != "can.bo@sotaichinh.gov.vn" || u.Name != "Trần Thị B" || !u.CreatedAt.Equal(fixedNow) {
		t.Errorf("created user = %+v", u)
	}

	var stored string
	if err := db.SQL().QueryRowContext(ctx, "SELECT password_hash FROM users WHERE id = "+strconv.FormatInt(u.ID, 10)).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored == testPassword || strings.Contains(stored, testPassword) || !strings.HasPrefix(stored, "$argon2id$") {
		t.Errorf("stored password = %q, want an argon2id hash", stored)
	}
	if ok, err := auth.CheckPassword(stored, testPassword); !ok || err != nil {
		t.Errorf("stored hash does not check: %v %v", ok, err)
	}

	got, err := db.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Email != u.Email || got.Role != auth.RoleAgency || got.AgencyID == nil || *got.AgencyID != ag.ID || got.Disabled {
		t.Errorf("User = %+v", got)
	}
	if byEmail, err := db.UserByEmail(ctx, " CAN.BO@sotaichinh.gov.vn"); err != nil || byEmail.ID != u.ID {
		t.Errorf("UserByEmail = %d, %v", byEmail.ID, err)
	}

	for _, email := range []string{"can.bo@sotaichinh.gov.vn", "CAN.BO@SOTAICHINH.GOV.VN ", " Can.Bo@SoTaiChinh.gov.vn"} {
		au, err := db.Authenticate(ctx, email, testPassword)
		if err != nil || au.ID != u.ID {
			t.Errorf("Authenticate(%q) = %d, %v", email, au.ID, err)
		}
	}
	// More logins at once than there are slots: each still gets its answer.
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pw := testPassword
			if i%2 == 1 {
				pw += "x"
			}
			_, err := db.Authenticate(ctx, u.Email, pw)
			if (err == nil) != (i%2 == 0) {
				errs <- fmt.Errorf("login %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	bad := []struct{ name, email, password string }{
		{"wrong password", u.Email, testPassword + "x"},
		{"empty password", u.Email, ""},
		{"password other case", u.Email, strings.ToUpper(testPassword)},
		{"unknown email", "khong.co@hoptac.vn", testPassword},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			_, err := db.Authenticate(ctx, b.email, b.password)
			e := wantCode(t, err, apperr.Unauthorized)
			if e.Key != "error.login_failed" {
				t.Errorf("key = %q: wrong password and unknown e-mail must read the same", e.Key)
			}
		})
	}
}

func TestDisabledUserCannotLogIn(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := auth.User{Email: "nghi.viec@hoptac.vn", Name: "Đã nghỉ", Role: auth.RoleViewer, Disabled: true}
	update(t, db, func(tx *store.Tx) error { return tx.CreateUser(ctx, &u, testPassword) })
	_, err := db.Authenticate(ctx, u.Email, testPassword)
	wantCode(t, err, apperr.Unauthorized)
}

func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	createUser(t, db, "admin@hoptac.vn", auth.RoleAdmin, nil)
	tables := []string{"users", "audit_log"}
	tests := []struct {
		name     string
		u        auth.User
		password string
		field    string
	}{
		{"duplicate email", auth.User{Email: "admin@hoptac.vn", Name: "B", Role: auth.RoleViewer}, testPassword, "email"},
		{"duplicate email other case", auth.User{Email: " ADMIN@HopTac.vn ", Name: "B", Role: auth.RoleViewer}, testPassword, "email"},
		{"short password", auth.User{Email: "b@hoptac.vn", Name: "B", Role: auth.RoleViewer}, "ngắn", "password"},
		{"password one short", auth.User{Email: "b@hoptac.vn", Name: "B", Role: auth.RoleViewer},
			strings.Repeat("đ", auth.MinPasswordLen-1), "password"},
		{"bad email", auth.User{Email: "khong-phai-email", Name: "B", Role: auth.RoleViewer}, testPassword, "email"},
		{"no name", auth.User{Email: "b@hoptac.vn", Role: auth.RoleViewer}, testPassword, "name"},
		{"bad role", auth.User{Email: "b@hoptac.vn", Name: "B", Role: "root"}, testPassword, "role"},
		{"agency role without agency", auth.User{Email: "b@hoptac.vn", Name: "B", Role: auth.RoleAgency}, testPassword, "agency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, db, tables...)
			u := tt.u
			wantField(t, db.Update(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, &u, tt.password) }), tt.field)
			wantSameCounts(t, before, counts(t, db, tables...))
		})
	}
	// Multi-byte passwords count runes: ten Vietnamese letters are enough.
	u := auth.User{Email: "c@hoptac.vn", Name: "C", Role: auth.RoleViewer}
	update(t, db, func(tx *store.Tx) error {
		return tx.CreateUser(ctx, &u, strings.Repeat("đ", auth.MinPasswordLen))
	})
}

func TestUserNotFound(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	_, err := db.User(ctx, 3)
	wantCode(t, err, apperr.NotFound)
	_, err = db.UserByEmail(ctx, "ai@hoptac.vn")
	wantCode(t, err, apperr.NotFound)
}

func TestCreateUserAudit(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	admin := createUser(t, db, "admin@hoptac.vn", auth.RoleAdmin, nil)
	actx := asUser(admin)
	u := auth.User{Email: "moi@hoptac.vn", Name: "Người mới", Role: auth.RoleViewer}
	update(t, db, func(tx *store.Tx) error { return tx.CreateUser(actx, &u, testPassword) })
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "user", EntityID: u.ID})
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	e := entries[0]
	if e.Action != "create" || e.UserID == nil || *e.UserID != admin.ID || e.UserName != admin.Email || e.Before != nil {
		t.Errorf("entry = %+v", e)
	}
	var after map[string]any
	if err := json.Unmarshal(e.After, &after); err != nil {
		t.Fatal(err)
	}
	if after["email"] != "moi@hoptac.vn" || after["role"] != "viewer" {
		t.Errorf("after = %s", e.After)
	}
	// Neither the password nor its hash is written to the audit log.
	if strings.Contains(string(e.After), testPassword) || strings.Contains(string(e.After), "argon2") ||
		strings.Contains(string(e.After), u.PasswordHash) {
		t.Errorf("audit leaks the password: %s", e.After)
	}
}

func TestLogLogin(t *testing.T) {
	t.Parallel()
	db := newTestDB(t)
	ctx := context.Background()
	u := createUser(t, db, "cb@hoptac.vn", auth.RoleViewer, nil)
	update(t, db, func(tx *store.Tx) error { return tx.LogLogin(ctx, &u) })
	entries, _, err := db.ListAudit(ctx, audit.Filter{Entity: "user", EntityID: u.ID})
	if err != nil || len(entries) != 2 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	if e := entries[0]; e.Action != "login" || e.UserID == nil || *e.UserID != u.ID || e.UserName != u.Email {
		t.Errorf("login entry = %+v", e)
	}
}
