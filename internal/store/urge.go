package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hoptac/hoptac/internal/apperr"
	"github.com/hoptac/hoptac/internal/auth"
)

// Urge is a reminder (đôn đốc) to every officer of one agency: an e-mail
// to each and a notification on their pages. The reporting side decides
// what to say and when; DedupeKey names this reminder ("urge:report-12:
// due-7d"), so queueing it again, from another server or another run, does
// nothing.
type Urge struct {
	AgencyID  int64
	DedupeKey string
	Subject   string // the e-mail's subject, UTF-8
	Body      string // the e-mail's plain-text body
	// The notification: an i18n key with arguments, or plain text.
	NoticeKey  string
	NoticeArgs []string
	NoticeText string
	Link       string // where the notification leads, e.g. the report form
}

// UrgeResult says whom an urge reached.
type UrgeResult struct {
	Officers int // active officers of the agency
	Queued   int // officers newly urged; the others already had this urge
}

// QueueUrge queues u in the caller's transaction for every active officer
// of u.AgencyID (accounts of the agency role with that agency): one outbox
// message each, with key DedupeKey + ":user-" + their ID, and a
// notification, written only when the message is new so a repeated urge
// adds neither. An agency without officers is not an error: Officers is 0
// and the caller may say so.
func (t *Tx) QueueUrge(ctx context.Context, u Urge) (UrgeResult, error) {
	var res UrgeResult
	if strings.TrimSpace(u.DedupeKey) == "" {
		return res, apperr.New(apperr.Invalid, "error.urge_no_key")
	}
	rows, err := t.query(ctx, `SELECT `+userColumns+` FROM users WHERE role = ? AND agency_id = ? AND disabled = 0 ORDER BY id`,
		string(auth.RoleAgency), u.AgencyID)
	officers, err := scanAll(rows, err, scanUser)
	if err != nil {
		return res, fmt.Errorf("store: urge officers: %w", err)
	}
	res.Officers = len(officers)
	for _, o := range officers {
		queued, err := t.EnqueueMail(ctx, OutboxMessage{To: o.Email, Subject: u.Subject, Body: u.Body, Kind: "urge",
			DedupeKey: u.DedupeKey + ":user-" + strconv.FormatInt(o.ID, 10)})
		if err != nil {
			return res, fmt.Errorf("store: urge %s: %w", o.Email, err)
		}
		if !queued {
			continue
		}
		if _, err := t.Notify(ctx, Notification{UserID: o.ID, Key: u.NoticeKey, Args: u.NoticeArgs,
			Text: u.NoticeText, Link: u.Link}); err != nil {
			return res, err
		}
		res.Queued++
	}
	return res, nil
}

// ManualUrge is what the audit log keeps of an urge a coordinator sent by
// hand: to whom, about which period, with what message. The automatic
// reminders are not logged: they follow from the schedule, which is, and
// each is already kept in the outbox under its dedupe key.
type ManualUrge struct {
	PlanID   int64  `json:"-"` // the entry's record
	Period   string `json:"period"`
	AgencyID int64  `json:"agency_id"`
	Agency   string `json:"agency"`
	Message  string `json:"message"`
	Officers int    `json:"officers"` // how many officers it reached
}

// QueueManualUrge queues u as QueueUrge does and logs it against its plan
// in the same transaction, so an urge and its record commit together.
// Every press is logged, even one that found no officer to reach.
func (t *Tx) QueueManualUrge(ctx context.Context, u Urge, m ManualUrge) (UrgeResult, error) {
	res, err := t.QueueUrge(ctx, u)
	if err != nil {
		return res, err
	}
	m.Officers = res.Officers
	return res, t.audit(ctx, "urge", "plan", m.PlanID, nil, m)
}
