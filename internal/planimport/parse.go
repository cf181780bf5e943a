// Package planimport reads an issued action plan — a text file or a Word
// .docx as the province receives it — into the parts hoptac tracks: the
// document's metadata, the documents it implements, its task groups and
// tasks with lead and supporting agencies and timeframes, its targets,
// its reporting duties and its coordinating agency. What it cannot read
// with confidence it keeps as written and flags with a warning in the
// reader's language (i18n.WithLang on Parse's context; Vietnamese by
// default), for a person to check on the review screen before import.
//
// Parse never guesses a value the text does not hold: an absent number,
// date or agency is null in the result, not invented.
package planimport

import (
	"context"
	"fmt"
	"strings"

	"github.com/hoptac/hoptac/internal/i18n"
)

// Parse reads a plan. name decides the format: ".docx" (or a file that
// starts like a zip) is read as Word, anything else ("-", ".txt") as text
// in UTF-8, UTF-16 with a BOM, or a legacy Vietnamese encoding (TCVN3,
// VNI, Windows-1258), which is converted with a warning. r resolves
// agency names; with nil every agency is kept unresolved.
//
// An error is an *Error (errors.Is with ErrEmpty, ErrBinary, ErrEncoding…)
// or the context's error.
func Parse(ctx context.Context, name string, data []byte, r Resolver) (res *Result, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			res, err = nil, &Error{Key: KeyInternal, Lang: i18n.LangFrom(ctx), Err: fmt.Errorf("planimport: panic: %v", rec)}
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lang := i18n.LangFrom(ctx)
	src, err := load(name, data)
	if err != nil {
		if pe, ok := err.(*Error); ok {
			// A copy: err may be a shared sentinel (ErrEmpty).
			local := *pe
			local.Lang = lang
			return nil, &local
		}
		return nil, err
	}
	p := newParser(ctx, src.lines, r)
	p.res.lang = lang
	if src.encoding != "" {
		p.res.warn(warnEncoding, src.encoding)
	}
	steps := []func(){
		func() { p.rows = p.findTables() },
		p.readMetadata,
		func() { p.buildGroups(p.rows); p.tableTasks = p.res.TaskCount() > 0 },
		p.readTargets,
		func() {
			if p.res.TaskCount() == 0 {
				p.readLists()
			}
		},
		p.readImplements,
		p.readReporting,
		p.readDeclared,
		func() {
			if p.isArticle() {
				p.res.warn(warnArticle)
			}
		},
		p.checkCounts,
		func() { p.agencies.warnUnknown(p.res) },
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		step()
	}
	p.res.finish()
	return p.res, nil
}

// parser is the state of one Parse.
type parser struct {
	ctx      context.Context
	lines    []line
	res      *Result
	agencies *agencies
	year     int // the document's year, for dates written without one; 0 if unknown

	rows       []row
	tableTasks bool // tasks came from a table
	own        string
	ownType    string

	inTable     []bool // line is part of a task table
	listLines   []bool // line is a task read from a list
	targetLines []bool // line is in a target section

	refOrder      []string
	bodyStart     int
	declLines     [2]int // lines of the declared group and task counts
	groupDecls    []groupDecl
	groupDeclLine map[int]int // group index → line of its declared count
}

func newParser(ctx context.Context, lines []line, r Resolver) *parser {
	return &parser{
		ctx:           ctx,
		lines:         lines,
		res:           &Result{},
		agencies:      newAgencies(r),
		inTable:       make([]bool, len(lines)),
		listLines:     make([]bool, len(lines)),
		targetLines:   make([]bool, len(lines)),
		groupDeclLine: map[int]int{},
	}
}

// readImplements sets the documents the plan implements: those named
// before its body (first section heading, table, list or target).
func (p *parser) readImplements() {
	p.bodyStart = len(p.lines)
	for i, l := range p.lines {
		if p.inTable[i] || p.listLines[i] || p.targetLines[i] {
			p.bodyStart = i
			break
		}
		if _, _, ok := romanHeading(l.text); ok && strings.TrimSpace(l.text) != "" {
			p.bodyStart = i
			break
		}
	}
	refs := p.collectRefs()
	p.res.Implements = p.implementsFrom(refs, p.own)
}
