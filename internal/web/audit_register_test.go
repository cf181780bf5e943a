package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var batchNoRe = regexp.MustCompile(`ghi vào nhật ký thành một lô, số (\d+)\.`)

// importRegisterCSV imports a register file as the coordinator and
// returns the audit batch's number.
func (e *env) importRegisterCSV(c *http.Client, data string) string {
	e.t.Helper()
	status, body, pending := e.readRegister(c, "dang-ky.csv", []byte(data), "")
	if status != http.StatusOK || pending == "" {
		e.t.Fatalf("preview: %d\n%.2000s", status, body)
	}
	resp, _ := e.confirmRegister(c, pending, mappingOf(body))
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("confirm: %d", resp.StatusCode)
	}
	m := batchNoRe.FindStringSubmatch(e.page(c, resp.Header.Get("Location")))
	if m == nil {
		e.t.Fatal("the result names no audit batch")
	}
	return m[1]
}

// An import audits each organisation-year in the compact form: a new year
// with the figures it has (no zeros, no stamps), a changed year with only
// what changed, before and after, and both with the organisation and the
// year. The batch page shows them as fields, as for any entry.
func TestAuditImportCompactRows(t *testing.T) {
	e, c := registerEnv(t)
	admin := e.login(adminEmail)
	const head = "Mã số HTX;Tên HTX;Loại hình;Mã xã;Năm;Số thành viên;Doanh thu (triệu đồng);Lợi nhuận (triệu đồng)\n"
	first := e.importRegisterCSV(c, head+"0800300001;HTX Nông nghiệp Cẩm Thượng;HTX;10507;2024;12;1500;0\n")
	figures := func(batch string) map[string]auditField {
		t.Helper()
		body := e.page(admin, "/audit?batch="+batch)
		entries, fields := auditEntries(body)
		for i, h := range entries {
			if strings.Contains(h, `data-field="year"`) && strings.Contains(h, `data-field="organisation_id"`) {
				return fields[i]
			}
		}
		t.Fatalf("batch %s has no figures entry:\n%.3000s", batch, body)
		return nil
	}
	created := figures(first)
	if created["members_individual"].after != "12" || created["year"].after != "2024" || created["revenue"].after == "" {
		t.Errorf("the new year's entry: %+v", created)
	}
	for _, absent := range []string{"profit", "employees", "updated_at", "filing"} {
		if _, ok := created[absent]; ok {
			t.Errorf("the new year's entry logs %s, which is zero or a stamp", absent)
		}
	}
	second := e.importRegisterCSV(c, head+"0800300001;HTX Nông nghiệp Cẩm Thượng;HTX;10507;2024;12;1800;0\n")
	changed := figures(second)
	rev := changed["revenue"]
	if !rev.changed || rev.before != "1500000000" || rev.after != "1800000000" {
		t.Errorf("revenue shown as %+v", rev)
	}
	if changed["year"].before != "2024" || changed["year"].after != "2024" || changed["year"].changed {
		t.Errorf("year shown as %+v", changed["year"])
	}
	if _, ok := changed["members_individual"]; ok || len(changed) != 3 {
		t.Errorf("the changed year logs more than its change: %+v", changed)
	}
}
