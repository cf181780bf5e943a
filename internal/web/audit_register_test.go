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

// An import audits each organisation once, with its years: a new
// organisation with the fields it has and each year's figures it has (no
// zeros, no stamps), a changed year with only what changed, before and
// after, under the organisation's ID. The batch page shows them as fields,
// a year's figures as one field listing them, as for any entry.
func TestAuditImportCompactRows(t *testing.T) {
	e, c := registerEnv(t)
	admin := e.login(adminEmail)
	const head = "Mã số HTX;Tên HTX;Loại hình;Mã xã;Năm;Số thành viên;Doanh thu (triệu đồng);Lợi nhuận (triệu đồng)\n"
	first := e.importRegisterCSV(c, head+"0800300001;HTX Nông nghiệp Cẩm Thượng;HTX;10507;2023;10;900;0\n"+
		"0800300001;HTX Nông nghiệp Cẩm Thượng;HTX;10507;2024;12;1500;0\n")
	entries := func(batch string) []map[string]auditField {
		t.Helper()
		body := e.page(admin, "/audit?batch="+batch)
		html, fields := auditEntries(body)
		for i, h := range html {
			if !strings.Contains(h, `data-field="figures_2024"`) {
				t.Errorf("batch %s entry %d has no figures of 2024: %+v", batch, i, fields[i])
			}
		}
		return fields
	}
	created := entries(first)
	if len(created) != 1 {
		t.Fatalf("the new organisation and its two years are %d entries, want one", len(created))
	}
	org := created[0]
	if org["name"].after != "HTX Nông nghiệp Cẩm Thượng" || org["code"].after != "0800300001" {
		t.Errorf("the new organisation's entry: %+v", org)
	}
	y24, y23 := org["figures_2024"].after, org["figures_2023"].after
	for _, want := range []string{"members individual: 12", "revenue: 1500000000", "year: 2024"} {
		if !strings.Contains(y24, want) {
			t.Errorf("the new year 2024 reads %q, without %q", y24, want)
		}
	}
	if !strings.Contains(y23, "revenue: 900000000") {
		t.Errorf("the new year 2023 reads %q", y23)
	}
	for _, absent := range []string{"profit", "employees", "updated at", "filing"} {
		if strings.Contains(y24, absent) {
			t.Errorf("the new year's figures log %s, which is zero or a stamp: %q", absent, y24)
		}
	}
	second := e.importRegisterCSV(c, head+"0800300001;HTX Nông nghiệp Cẩm Thượng;HTX;10507;2023;10;900;0\n"+
		"0800300001;HTX Nông nghiệp Cẩm Thượng;HTX;10507;2024;12;1800;0\n")
	changed := entries(second)
	if len(changed) != 1 {
		t.Fatalf("one changed year is %d entries, want one", len(changed))
	}
	fig := changed[0]["figures_2024"]
	if !fig.changed || !strings.Contains(fig.before, "revenue: 1500000000") || !strings.Contains(fig.after, "revenue: 1800000000") ||
		!strings.Contains(fig.before, "year: 2024") || !strings.Contains(fig.after, "year: 2024") {
		t.Errorf("figures of 2024 shown as %+v", fig)
	}
	if strings.Contains(fig.after, "members individual") || len(changed[0]) != 2 {
		t.Errorf("the changed year logs more than its change: %+v", changed[0])
	}
}
