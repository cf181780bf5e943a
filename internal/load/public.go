package load

import (
	"bytes"
	"context"
	"errors"
	"github.com/hoptac/hoptac/internal/i18n"
	"io"
	"net/http"
	"regexp"
	"strconv"
)

// ScenarioPublic is the press and the public on release day: visitors
// without an account on the public portal, mostly its home page, then a
// published plan, the statistics, the directory, the open data page and
// its downloads. No login, no writes: it measures how many answers the
// portal's cache gives a second.
const ScenarioPublic = "public"

// The public scenario's routes.
const (
	RoutePubHome      = "GET /cong-khai"
	RoutePubPlan      = "GET /cong-khai/ke-hoach/{id}"
	RoutePubStats     = "GET /cong-khai/thong-ke"
	RoutePubDirectory = "GET /cong-khai/to-chuc?page={n}"
	RoutePubData      = "GET /cong-khai/du-lieu"
	RoutePubDownload  = "GET /cong-khai/du-lieu/{file}"
)

func publicRoutes() []string {
	return []string{RoutePubHome, RoutePubPlan, RoutePubStats, RoutePubDirectory, RoutePubData, RoutePubDownload}
}

// publicDownloads are the open data files a visitor takes.
var publicDownloads = []string{"ke-hoach.csv", "ke-hoach.json", "nhiem-vu.csv", "nhiem-vu.json", "chi-tieu.csv",
	"thong-ke.csv", "thong-ke.json"}

// publicMeta is what the home page offers: the published plans.
type publicMeta struct {
	plans []int64
}

var publicPlanLink = regexp.MustCompile(`href="/cong-khai/ke-hoach/(\d+)"`)

// discoverPublic reads the portal's home page as a visitor would, for the
// published plans to open.
func (rn *runner) discoverPublic(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rn.url("/cong-khai", nil), nil)
	if err != nil {
		return err
	}
	resp, err := rn.client().Do(req)
	if err != nil {
		return i18n.Errorf(err, "load.read_portal")
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		return i18n.Errorf(errors.New(resp.Status), "load.read_portal")
	}
	m := &publicMeta{}
	for _, g := range publicPlanLink.FindAllSubmatch(body, -1) {
		id, _ := strconv.ParseInt(string(g[1]), 10, 64)
		m.plans = append(m.plans, id)
	}
	rn.public = m
	return nil
}

// publicPage checks a portal page: whole, in Vietnamese, with the
// portal's own layout.
func publicPage(must ...string) checker {
	return func(body []byte) i18n.Message {
		if !bytes.Contains(body, []byte(`<body class="portal">`)) || !bytes.HasSuffix(bytes.TrimSpace(body), []byte("</html>")) {
			return wrong("load.check.not_portal_page")
		}
		for _, s := range must {
			if !bytes.Contains(body, []byte(s)) {
				return wrong("load.check.portal_lacks", s)
			}
		}
		return i18n.Message{}
	}
}

// browsePublic is a visitor: the home page half the time, else one of the
// portal's other pages or a download.
func (s *sim) browsePublic(ctx context.Context) {
	rn, r, m := s.rn, s.r, s.rn.public
	for {
		var ok bool
		switch kind := r.IntN(20); {
		case kind < 10 || (kind < 14 && len(m.plans) == 0):
			ok = s.do(ctx, RoutePubHome, http.MethodGet, rn.url("/cong-khai", nil), nil, http.StatusOK, publicPage())
		case kind < 14:
			id := strconv.FormatInt(m.plans[r.IntN(len(m.plans))], 10)
			// The language switch names the page it is on: a cache that
			// answered with another plan's page would show its address.
			ok = s.do(ctx, RoutePubPlan, http.MethodGet, rn.url("/cong-khai/ke-hoach/"+id, nil), nil, http.StatusOK,
				publicPage(`id="tasks-h"`, `value="/cong-khai/ke-hoach/`+id+`"`))
		case kind < 16:
			ok = s.do(ctx, RoutePubStats, http.MethodGet, rn.url("/cong-khai/thong-ke", nil), nil, http.StatusOK, publicPage())
		case kind < 18:
			q := map[string][]string{"page": {strconv.Itoa(1 + r.IntN(5))}}
			ok = s.do(ctx, RoutePubDirectory, http.MethodGet, rn.url("/cong-khai/to-chuc", q), nil, http.StatusOK, publicPage())
		case kind < 19:
			ok = s.do(ctx, RoutePubData, http.MethodGet, rn.url("/cong-khai/du-lieu", nil), nil, http.StatusOK, publicPage())
		default:
			f := publicDownloads[r.IntN(len(publicDownloads))]
			ok = s.do(ctx, RoutePubDownload, http.MethodGet, rn.url("/cong-khai/du-lieu/"+f, nil), nil, http.StatusOK, nil)
		}
		if !ok {
			return
		}
	}
}
