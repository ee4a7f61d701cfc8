package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The workflow that publishes a site on GitHub Pages, as far as this test
// reads it.
type workflow struct {
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress *bool  `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	Jobs map[string]struct {
		RunsOn      string `yaml:"runs-on"`
		Needs       any    `yaml:"needs"`
		Environment struct {
			Name string `yaml:"name"`
			URL  string `yaml:"url"`
		} `yaml:"environment"`
		Steps []workflowStep `yaml:"steps"`
	} `yaml:"jobs"`
}

type workflowStep struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	If   string            `yaml:"if"`
	With map[string]string `yaml:"with"`
}

const workflowPath = "../../.github/workflows/pages.yml"

func readWorkflow(t *testing.T) *workflow {
	t.Helper()
	return readWorkflowAt(t, workflowPath)
}

func readWorkflowAt(t *testing.T, workflowPath string) *workflow {
	t.Helper()
	data, err := os.ReadFile(workflowPath)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("%s: %v", workflowPath, err)
	}
	return &w
}

var majorRE = regexp.MustCompile(`^[a-z-]+/[a-z-]+@v[0-9]+$`)

// TestPagesWorkflow checks the GitHub Pages workflow for what GitHub
// documents and what Chronicle needs: the base URL from configure-pages,
// passed to the build with its trailing slash, and check, writing GitHub
// annotations, before build.
func TestPagesWorkflow(t *testing.T) {
	w := readWorkflow(t)

	push, _ := w.On["push"].(map[string]any)
	branches, _ := push["branches"].([]any)
	if !slices.Contains(branches, any("main")) {
		t.Errorf("on.push.branches = %v, want main", push["branches"])
	}
	if _, ok := w.On["workflow_dispatch"]; !ok {
		t.Error("the workflow cannot be run by hand: add on.workflow_dispatch")
	}
	wantPerms := map[string]string{"contents": "read", "pages": "write", "id-token": "write"}
	if len(w.Permissions) != len(wantPerms) {
		t.Errorf("permissions = %v, want %v", w.Permissions, wantPerms)
	}
	for k, v := range wantPerms {
		if w.Permissions[k] != v {
			t.Errorf("permissions.%s = %q, want %q", k, w.Permissions[k], v)
		}
	}
	if w.Concurrency.Group != "pages" || w.Concurrency.CancelInProgress == nil || *w.Concurrency.CancelInProgress {
		t.Errorf("concurrency: group %q, cancel-in-progress %v; want group pages, cancel-in-progress: false", w.Concurrency.Group, w.Concurrency.CancelInProgress != nil && *w.Concurrency.CancelInProgress)
	}

	build, ok := w.Jobs["build"]
	if !ok {
		t.Fatal("no build job")
	}
	at := map[string]int{} // action or command -> step index
	var pagesID, buildRun, uploadPath string
	for i, st := range build.Steps {
		if st.Uses != "" {
			if !majorRE.MatchString(st.Uses) {
				t.Errorf("step %q uses %q: name an action by its major version, such as actions/checkout@v7", st.Name, st.Uses)
			}
			at[strings.SplitN(st.Uses, "@", 2)[0]] = i
		}
		switch {
		case strings.HasPrefix(st.Uses, "actions/setup-go@"):
			if st.With["go-version-file"] != "go.mod" {
				t.Errorf("setup-go with %v, want go-version-file: go.mod", st.With)
			}
		case strings.HasPrefix(st.Uses, "actions/configure-pages@"):
			pagesID = st.ID
		case strings.HasPrefix(st.Uses, "actions/upload-pages-artifact@"):
			uploadPath = st.With["path"]
		case strings.Contains(st.Run, "chronicle check"):
			at["check"] = i
			// Annotations put each problem on its note's line, where
			// the people who wrote it look.
			if args := shellWords(t, st.Run); !slices.Contains(args, "-format") || slices.Index(args, "-format")+1 == len(args) || args[slices.Index(args, "-format")+1] != "github" {
				t.Errorf("the check step %q does not write annotations: give it -format github", st.Run)
			}
		case strings.Contains(st.Run, "chronicle build"):
			at["build"] = i
			buildRun = st.Run
		}
	}
	order := []string{"actions/checkout", "actions/setup-go", "actions/configure-pages", "check", "build", "actions/upload-pages-artifact"}
	for i, name := range order {
		if _, ok := at[name]; !ok {
			t.Fatalf("the build job has no %s step", name)
		}
		if i > 0 && at[order[i-1]] > at[name] {
			t.Errorf("%s comes before %s", name, order[i-1])
		}
	}
	if pagesID == "" {
		t.Fatal("configure-pages has no id, so its base_url output cannot be read")
	}
	baseArg := `-baseurl "${{ steps.` + pagesID + `.outputs.base_url }}/"`
	if !strings.Contains(buildRun, baseArg) {
		t.Errorf("the build step %q does not pass %s", buildRun, baseArg)
	}
	args := shellWords(t, buildRun)
	if i := slices.Index(args, "-o"); i < 0 || i+1 >= len(args) || args[i+1] != uploadPath {
		t.Errorf("the build writes to %v but the upload takes %q: give the build -o %s", args, uploadPath, uploadPath)
	}

	deploy, ok := w.Jobs["deploy"]
	if !ok {
		t.Fatal("no deploy job")
	}
	if needs := deploy.Needs; needs != "build" && !slices.Contains(asSlice(needs), any("build")) {
		t.Errorf("deploy needs %v, want build", needs)
	}
	if deploy.Environment.Name != "github-pages" {
		t.Errorf("deploy environment %q, want github-pages", deploy.Environment.Name)
	}
	var deployID string
	for _, st := range deploy.Steps {
		if strings.HasPrefix(st.Uses, "actions/deploy-pages@") && majorRE.MatchString(st.Uses) {
			deployID = st.ID
		}
	}
	if deployID == "" {
		t.Fatal("the deploy job has no actions/deploy-pages step with an id")
	}
	if want := "${{ steps." + deployID + ".outputs.page_url }}"; deploy.Environment.URL != want {
		t.Errorf("environment url %q, want %q", deploy.Environment.URL, want)
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// TestPagesWorkflowCommands runs the workflow's check and build commands as
// GitHub would, with the base URL configure-pages gives a project site and a
// user site, on a copy of the golden site.
func TestPagesWorkflowCommands(t *testing.T) {
	w := readWorkflow(t)
	var steps []workflowStep
	pagesID := ""
	for _, st := range w.Jobs["build"].Steps {
		if strings.HasPrefix(st.Uses, "actions/configure-pages@") {
			pagesID = st.ID
		}
		if strings.Contains(st.Run, "./cmd/chronicle") {
			steps = append(steps, st)
		}
	}
	if len(steps) != 2 || pagesID == "" {
		t.Fatalf("want a check and a build step after configure-pages, got %d", len(steps))
	}
	src, err := filepath.Abs("../../build/testdata/golden/site")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ baseURL, link, feed string }{
		{"https://owner.github.io/repo", `href="/repo/events/`, "<id>https://owner.github.io/repo/events/"},
		{"https://owner.github.io", `href="/events/`, "<id>https://owner.github.io/events/"},
		{"https://chronology.example.org", `href="/events/`, "<id>https://chronology.example.org/events/"},
	} {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		for _, st := range steps {
			line := strings.ReplaceAll(st.Run, "${{ steps."+pagesID+".outputs.base_url }}", tt.baseURL)
			args := shellWords(t, line)
			if len(args) < 3 || args[0] != "go" || args[1] != "run" || args[2] != "./cmd/chronicle" {
				t.Fatalf("step %q: want go run ./cmd/chronicle ..., got %q", st.Name, args)
			}
			var stdout, stderr bytes.Buffer
			if code := run(args[3:], &stdout, &stderr); code != 0 {
				t.Fatalf("%s: exit %d\n%s", line, code, stderr.String())
			}
			for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
				if l != "" && !strings.HasPrefix(l, "::warning file=") && !strings.HasPrefix(l, "::error file=") {
					t.Errorf("%s: a line of output that is not an annotation: %q", line, l)
				}
			}
		}
		index, err := os.ReadFile(filepath.Join("public", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(index), tt.link) {
			t.Errorf("base %s: the front page has no link %s", tt.baseURL, tt.link)
		}
		feed, _ := os.ReadFile(filepath.Join("public", "feed.xml"))
		if !strings.Contains(string(feed), tt.feed) {
			t.Errorf("base %s: the feed has no %s", tt.baseURL, tt.feed)
		}
	}
}

// shellWords splits a one-line command as a POSIX shell would, for the
// simple commands a workflow step holds: words, and strings in single or
// double quotes without escapes or expansions.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	line = strings.TrimSpace(line)
	if strings.ContainsAny(line, "\n;&|<>`\\") {
		t.Fatalf("run %q: want one simple command", line)
	}
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ' ', '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case '"', '\'':
			j := strings.IndexByte(line[i+1:], c)
			if j < 0 {
				t.Fatalf("run %q: unclosed quote", line)
			}
			quoted := line[i+1 : i+1+j]
			if c == '"' && strings.Contains(quoted, "$") && !strings.Contains(quoted, "${{") {
				t.Fatalf("run %q: shell expansion in quotes", line)
			}
			cur.WriteString(quoted)
			inWord = true
			i += j + 1
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
