package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// States of an outbox message. A message is pending until a worker claims
// it (sending), then sent, or pending again for a retry, or failed when
// its attempts are spent.
const (
	MailPending = "pending"
	MailSending = "sending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// OutboxMessage is one e-mail waiting in, or recorded by, the outbox.
type OutboxMessage struct {
	ID      int64
	To      string
	Subject string
	Body    string // plain text, UTF-8
	Kind    string // what sent it: "urge", "test" …
	// DedupeKey names the message so that queueing it again does nothing:
	// "urge:report-12:2026-11-28:user-5". Empty gets a unique one.
	DedupeKey     string
	State         string
	Attempts      int
	NextAttemptAt time.Time
	ClaimedBy     string
	LastError     string
	SentAt        *time.Time
	CreatedAt     time.Time
}

// EnqueueMail queues m in the caller's transaction, so the message exists
// exactly when the change that caused it commits. It reports whether m was
// queued: false when a message with its dedupe key already exists.
func (t *Tx) EnqueueMail(ctx context.Context, m OutboxMessage) (bool, error) {
	m.To = strings.TrimSpace(m.To)
	if auth.ValidateEmail(strings.ToLower(m.To)) != nil {
		return false, apperr.FieldErrors{"to": "error.field.email"}.Err()
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return false, apperr.FieldErrors{"subject": "error.field.forbidden_chars"}.Err()
	}
	if m.DedupeKey == "" {
		m.DedupeKey = "once:" + auth.RandomSecret(16)
	}
	now := fmtTime(t.now)
	// ON CONFLICT … DO NOTHING is the same in SQLite and PostgreSQL; the
	// conflict target is the unique index mail_outbox_dedupe.
	res, err := t.exec(ctx, `INSERT INTO mail_outbox (to_address, subject, body, kind, dedupe_key, state, attempts,
		next_attempt_at, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, '', ?)
		ON CONFLICT (dedupe_key) DO NOTHING`, m.To, m.Subject, m.Body, m.Kind, m.DedupeKey, MailPending, now, now)
	if err != nil {
		return false, fmt.Errorf("store: enqueue mail: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: enqueue mail: %w", err)
	}
	return n == 1, nil
}

const outboxColumns = `id, to_address, subject, body, kind, dedupe_key, state, attempts, next_attempt_at,
	claimed_by, last_error, sent_at, created_at`

func scanOutbox(r rowScanner) (OutboxMessage, error) {
	var m OutboxMessage
	var next, created string
	var claimed, sent sql.NullString
	err := r.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Kind, &m.DedupeKey, &m.State, &m.Attempts, &next,
		&claimed, &m.LastError, &sent, &created)
	m.NextAttemptAt, m.ClaimedBy, m.SentAt, m.CreatedAt = parseTime(next), claimed.String, nullTime(sent), parseTime(created)
	return m, err
}

// ClaimMail claims up to limit messages that are due for claimant (a name
// unique to one worker of one server) until now+lease, in one statement:
// pending messages whose next attempt is due, and messages whose claim
// expired because their worker died while sending. Each claim counts as
// an attempt, so a message that kills its worker every time still runs
// out of attempts. On PostgreSQL, servers claiming at once skip each
// other's rows (see skipLocked); on SQLite the single writer serialises.
func (db *DB) ClaimMail(ctx context.Context, claimant string, lease time.Duration, limit int) ([]OutboxMessage, error) {
	var out []OutboxMessage
	err := db.Update(ctx, func(tx *Tx) error {
		now := fmtTime(tx.now)
		rows, err := tx.query(ctx, `UPDATE mail_outbox SET state = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1
			WHERE id IN (SELECT id FROM mail_outbox
				WHERE (state = ? AND next_attempt_at <= ?) OR (state = ? AND claimed_until <= ?)
				ORDER BY id LIMIT ?`+tx.d.skipLocked()+`)
			RETURNING `+outboxColumns,
			MailSending, claimant, fmtTime(tx.now.Add(lease)), MailPending, now, MailSending, now, limit)
		out, err = scanAll(rows, err, scanOutbox)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim mail: %w", err)
	}
	return out, nil
}

// errClaimLost is returned when a worker reports on a message it no
// longer holds: its claim expired and another worker took the message.
var errClaimLost = apperr.New(apperr.Conflict, "error.mail_claim_lost")

// MarkMailSent records that claimant sent message id. Only the holder of
// the claim may: a worker whose claim expired gets a conflict and changes
// nothing.
func (db *DB) MarkMailSent(ctx context.Context, id int64, claimant string) error {
	return db.finishClaim(ctx, `UPDATE mail_outbox SET state = ?, sent_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = ''
		WHERE id = ? AND state = ? AND claimed_by = ?`, func(now string) []any {
		return []any{MailSent, now, id, MailSending, claimant}
	})
}

// MarkMailFailed records that claimant's attempt at message id failed with
// errText: the message waits for retryAt, or, when final, is failed for
// good and shown to the administrator.
func (db *DB) MarkMailFailed(ctx context.Context, id int64, claimant, errText string, retryAt time.Time, final bool) error {
	state := MailPending
	if final {
		state = MailFailed
	}
	if len(errText) > 1000 {
		errText = errText[:1000]
	}
	return db.finishClaim(ctx, `UPDATE mail_outbox SET state = ?, next_attempt_at = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
		WHERE id = ? AND state = ? AND claimed_by = ?`, func(string) []any {
		return []any{state, fmtTime(retryAt), strings.ToValidUTF8(errText, "?"), id, MailSending, claimant}
	})
}

func (db *DB) finishClaim(ctx context.Context, q string, args func(now string) []any) error {
	return db.Update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, q, args(fmtTime(tx.now))...)
		if err != nil {
			return fmt.Errorf("store: finish mail claim: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: finish mail claim: %w", err)
		} else if n == 0 {
			return errClaimLost
		}
		return nil
	})
}

// OutboxMessage returns one message of the outbox.
func (db *DB) OutboxMessage(ctx context.Context, id int64) (OutboxMessage, error) {
	m, err := scanOutbox(db.queryRow(ctx, `SELECT `+outboxColumns+` FROM mail_outbox WHERE id = ?`, id))
	return m, notFound(err, "error.mail_not_found")
}

// OutboxByState lists the messages in state, newest first, one page: the
// failed ones are what the administrator's settings page shows.
func (db *DB) OutboxByState(ctx context.Context, state string, p Page) ([]OutboxMessage, error) {
	limit, offset := limits(p.Page, p.PerPage)
	rows, err := db.query(ctx, `SELECT `+outboxColumns+` FROM mail_outbox WHERE state = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
		state, limit, offset)
	list, err := scanAll(rows, err, scanOutbox)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	return list, nil
}

// OutboxCount counts the messages in state.
func (db *DB) OutboxCount(ctx context.Context, state string) (int, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM mail_outbox WHERE state = ?`, state).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: outbox count: %w", err)
	}
	return n, nil
}
