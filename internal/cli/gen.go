package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hoptac/hoptac/internal/gen"
	"github.com/hoptac/hoptac/internal/plan"
)

const genUsage = "dùng: hoptac gen plans [--db …] [--plans N] [--tasks M] [--progress K] [--seed S] [--as-of YYYY-MM-DD] [--password P] [--append]"

// genCmd writes a synthetic dataset for performance work and the load tool.
func genCmd(ctx context.Context, args []string, env Env) error {
	if len(args) == 0 || args[0] != "plans" {
		return errors.New(genUsage)
	}
	fs := flags("gen plans", env)
	dsn := dbFlag(fs, env)
	plans := fs.Int("plans", 34, "plans to add")
	tasks := fs.Int("tasks", 300, "tasks in each plan")
	progress := fs.Int("progress", 200_000, "progress entries in total")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and --as-of give the same data")
	asOf := fs.String("as-of", "", "the data's today, YYYY-MM-DD (default: today in Vietnam)")
	password := fs.String("password", gen.DefaultPassword, "password of the load accounts; empty creates none")
	appendTo := fs.Bool("append", false, "add to a database that already has plans")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("thừa tham số %q\n%s", fs.Arg(0), genUsage)
	}
	cfg := gen.Config{Plans: *plans, Tasks: *tasks, Progress: *progress, Seed: *seed, Password: *password}
	if *asOf != "" {
		t, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			return fmt.Errorf("--as-of: ngày không hợp lệ %q, cần dạng YYYY-MM-DD", *asOf)
		}
		cfg.AsOf = t
	}
	if *plans < 0 || *tasks < 0 || *progress < 0 {
		return errors.New("--plans, --tasks và --progress không được âm")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// Fake plans and a fake history in a real province's database could
	// not be taken out again (the audit log is append-only): only an empty
	// database, unless asked.
	if _, n, err := db.Plans(ctx, 1, 1); err != nil {
		return err
	} else if n > 0 && !*appendTo {
		return fmt.Errorf("cơ sở dữ liệu %s đã có %d kế hoạch; hoptac gen chỉ dùng cho cơ sở dữ liệu thử nghiệm. "+
			"Thêm --append nếu thật sự muốn ghi thêm dữ liệu giả vào đó", *dsn, n)
	}
	fmt.Fprintf(env.Stdout, "Đang tạo dữ liệu thử trên %s (seed %d)…\n", db.Dialect(), *seed)
	cfg.Log = env.Stdout
	res, err := gen.Generate(ctx, db, cfg)
	if err != nil {
		return err
	}
	w := env.Stdout
	fmt.Fprintf(w, "\nĐã ghi (dữ liệu tính đến ngày %s):\n", res.AsOf.Format("02/01/2006"))
	fmt.Fprintf(w, "  %-22s %9d  (%d mới, %d có cơ quan kế nhiệm)  %v\n", "cơ quan", res.Agencies, res.NewAgencies,
		res.Successors, res.AgencyTime.Round(time.Millisecond))
	fmt.Fprintf(w, "  %-22s %9d  %v\n", "tài khoản mới", res.Users, res.UserTime.Round(time.Millisecond))
	fmt.Fprintf(w, "  %-22s %9d  (%d nhóm, %d nhiệm vụ, %d phân công)  %v\n", "kế hoạch", res.Plans, res.Groups,
		res.Tasks, res.Assignments, res.PlanTime.Round(time.Millisecond))
	fmt.Fprintf(w, "  %-22s %9d  %v\n", "lượt báo cáo tiến độ", res.Progress, res.ProgressTime.Round(time.Millisecond))
	fmt.Fprintf(w, "  %-22s %9s  %v\n", "tổng thời gian", "", res.Total.Round(time.Millisecond))
	fmt.Fprintf(w, "Trạng thái nhiệm vụ mới: chưa bắt đầu %d, đang thực hiện %d, quá hạn %d, hoàn thành %d, hoàn thành trễ %d\n",
		res.Status[plan.StatusNotStarted], res.Status[plan.StatusInProgress], res.Status[plan.StatusOverdue],
		res.Status[plan.StatusDone], res.Status[plan.StatusDoneLate])
	if len(res.PlanIDs) > 0 {
		fmt.Fprintf(w, "Mã kế hoạch: %d … %d\n", res.PlanIDs[0], res.PlanIDs[len(res.PlanIDs)-1])
	}
	if *password != "" {
		fmt.Fprintf(w, "Tài khoản thử tải (mật khẩu %q): %s, %s và load-agency-<mã cơ quan>@hoptac.local "+
			"cho mỗi cơ quan đang hoạt động\n", *password, gen.AdminEmail, gen.ViewerEmail)
	}
	return nil
}
