package store_test

import (
	"context"
	"testing"

	"github.com/hoptac/hoptac/internal/report"
	"github.com/hoptac/hoptac/internal/store"
)

// TestReportFiles: evidence attached to a report's line is served through
// that report only; a saved line keeps or drops its file but cannot name
// another one; a sent report takes no file.
func TestReportFiles(t *testing.T) {
	db := newTestDB(t)
	ctx := context.Background()
	f := newFixture(t, db)
	quarterly(t, db, f, false)
	open := func(agency int64) report.Submission {
		var s report.Submission
		update(t, db, func(tx *store.Tx) error {
			var err error
			s, err = tx.OpenSubmission(ctx, f.Plan.ID, "2026-Q4", agency)
			return err
		})
		return s
	}
	tc, lm := open(f.TC.ID), open(f.LM.ID)
	attach := func(s report.Submission, task int64, name string) (store.File, error) {
		file := store.File{Name: name, ContentType: "application/pdf", Data: []byte("%PDF-1.4 " + name)}
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.AttachReportFile(ctx, s.ID, task, &file) })
		return file, err
	}
	i1 := f.task(t, "I.1").ID
	own, err := attach(tc, i1, "bien-ban.pdf")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := attach(lm, f.task(t, "I.2").ID, "cua-lien-minh.pdf")
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.ReportFile(ctx, tc.ID, own.ID)
	if err != nil || got.Name != "bien-ban.pdf" || string(got.Data) != "%PDF-1.4 bien-ban.pdf" || got.Size != int64(len(got.Data)) {
		t.Errorf("ReportFile = %+v, %v", got, err)
	}
	wantCode(t, func() error { _, err := db.ReportFile(ctx, tc.ID, theirs.ID); return err }(), "not_found")
	names, err := db.ReportFileNames(ctx, tc.ID)
	if err != nil || len(names) != 1 || names[own.ID] != "bien-ban.pdf" {
		t.Errorf("names %v, %v", names, err)
	}
	_, err = attach(tc, f.task(t, "I.2").ID, "x.pdf") // not one of Sở Tài chính's tasks
	wantCode(t, err, "validation")

	save := func(s *report.Submission) error {
		return db.Update(ctx, func(tx *store.Tx) error { return tx.SaveSubmission(ctx, s) })
	}
	s, err := db.Submission(ctx, tc.ID)
	if err != nil || s.Lines[0].TaskID != i1 || s.Lines[0].FileID == nil || *s.Lines[0].FileID != own.ID {
		t.Fatalf("line after attaching: %+v, %v", s.Lines, err)
	}
	if err := save(&s); err != nil {
		t.Errorf("keeping the line's file: %v", err)
	}
	s.Lines[0].FileID = &theirs.ID
	wantField(t, save(&s), "lines.1.file_id")
	s.Lines[0].FileID = nil
	if err := save(&s); err != nil || s.Lines[0].FileID != nil {
		t.Errorf("dropping the file: %v, %+v", err, s.Lines[0])
	}
	wantCode(t, func() error { _, err := db.ReportFile(ctx, tc.ID, own.ID); return err }(), "not_found")

	update(t, db, func(tx *store.Tx) error {
		_, err := tx.ActOnSubmission(ctx, tc.ID, report.Submit, "")
		return err
	})
	_, err = attach(tc, i1, "tre.pdf")
	wantCode(t, err, "conflict")
	_, err = attach(report.Submission{ID: 999999}, i1, "khong.pdf")
	wantCode(t, err, "not_found")
}
