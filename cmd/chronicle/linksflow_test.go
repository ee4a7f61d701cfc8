package main

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/links"
)

// subActionRE is an action in a folder of its repository, by major version.
var subActionRE = regexp.MustCompile(`^[a-z-]+/[a-z-]+/[a-z-]+@v[0-9]+$`)

// TestLinksWorkflow checks the scheduled links workflow: weekly and by
// hand, read-only, the cache restored before the check and saved after it
// whatever the check found, annotations, and never -allow-private.
func TestLinksWorkflow(t *testing.T) {
	w := readWorkflowAt(t, "../../.github/workflows/links.yml")
	sched, _ := w.On["schedule"].([]any)
	if len(sched) == 0 {
		t.Error("the workflow has no schedule")
	}
	for _, s := range sched {
		if cron, _ := s.(map[string]any)["cron"].(string); len(strings.Fields(cron)) != 5 || strings.Fields(cron)[4] == "*" {
			t.Errorf("cron %q: want a weekly schedule", cron)
		}
	}
	if _, ok := w.On["workflow_dispatch"]; !ok {
		t.Error("the workflow cannot be run by hand: add on.workflow_dispatch")
	}
	if len(w.Permissions) != 1 || w.Permissions["contents"] != "read" {
		t.Errorf("permissions %v, want contents: read only", w.Permissions)
	}
	job, ok := w.Jobs["links"]
	if !ok {
		t.Fatal("no links job")
	}
	at := map[string]int{}
	var restore, save workflowStep
	var linksRun string
	for i, st := range job.Steps {
		if st.Uses != "" && !majorRE.MatchString(st.Uses) && !subActionRE.MatchString(st.Uses) {
			t.Errorf("step %q uses %q: name an action by its major version", st.Name, st.Uses)
		}
		switch {
		case strings.HasPrefix(st.Uses, "actions/checkout@"):
			at["checkout"] = i
		case strings.HasPrefix(st.Uses, "actions/setup-go@"):
			at["setup-go"] = i
		case strings.HasPrefix(st.Uses, "actions/cache/restore@v"):
			at["restore"], restore = i, st
		case strings.HasPrefix(st.Uses, "actions/cache/save@v"):
			at["save"], save = i, st
		case strings.Contains(st.Run, "chronicle links"):
			at["links"], linksRun = i, st.Run
		}
	}
	order := []string{"checkout", "setup-go", "restore", "links", "save"}
	for i, name := range order {
		if _, ok := at[name]; !ok {
			t.Fatalf("the job has no %s step", name)
		}
		if i > 0 && at[order[i-1]] > at[name] {
			t.Errorf("%s comes before %s", name, order[i-1])
		}
	}
	if restore.With["path"] != links.CacheFile || save.With["path"] != links.CacheFile {
		t.Errorf("cache paths %q and %q, want %s", restore.With["path"], save.With["path"], links.CacheFile)
	}
	if restore.With["key"] != save.With["key"] || restore.With["restore-keys"] == "" || !strings.HasPrefix(save.With["key"], restore.With["restore-keys"]) {
		t.Errorf("restore %v, save %v: want one key, saved each run, and its prefix to restore the newest", restore.With, save.With)
	}
	if save.If != "always()" {
		t.Errorf("the cache is saved if %q: want always(), so a run with failures keeps what was fine", save.If)
	}
	args := shellWords(t, linksRun)
	i := slices.Index(args, "links")
	if !slices.Contains(args, "-format") || args[slices.Index(args, "-format")+1] != "github" {
		t.Errorf("%q: want -format github", linksRun)
	}
	if slices.Contains(args, "-allow-private") {
		t.Errorf("%q: a workflow must never allow private addresses", linksRun)
	}
	// The flags exist: -h after them stops the command before it reads
	// the notes, so nothing is contacted.
	var out, errb bytes.Buffer
	if code := run(append(slices.Clone(args[i:]), "-h"), &out, &errb); code != 0 {
		t.Errorf("%q: the command refuses its flags (exit %d):\n%s", linksRun, code, errb.String())
	}
}

// TestCheckWorkflow checks the pull-request workflow: on every pull
// request, read-only, and check writing annotations, with flags the command
// takes.
func TestCheckWorkflow(t *testing.T) {
	w := readWorkflowAt(t, "../../.github/workflows/check.yml")
	if _, ok := w.On["pull_request"]; !ok {
		t.Error("the workflow does not run on pull requests")
	}
	if len(w.Permissions) != 1 || w.Permissions["contents"] != "read" {
		t.Errorf("permissions %v, want contents: read only", w.Permissions)
	}
	job, ok := w.Jobs["check"]
	if !ok {
		t.Fatal("no check job")
	}
	var checkRun string
	for _, st := range job.Steps {
		if st.Uses != "" && !majorRE.MatchString(st.Uses) {
			t.Errorf("step %q uses %q: name an action by its major version", st.Name, st.Uses)
		}
		if strings.Contains(st.Run, "chronicle check") {
			checkRun = st.Run
		}
	}
	args := shellWords(t, checkRun)
	i := slices.Index(args, "check")
	if i < 0 || !slices.Contains(args, "-format") || args[slices.Index(args, "-format")+1] != "github" {
		t.Fatalf("%q: want chronicle check -format github", checkRun)
	}
	var out, errb bytes.Buffer
	if code := run(append(slices.Clone(args[i:]), "-h"), &out, &errb); code != 0 {
		t.Errorf("%q: the command refuses its flags (exit %d):\n%s", checkRun, code, errb.String())
	}
}
