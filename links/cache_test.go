package links

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCache: a second run within the lifetime asks no host about a link
// that was fine, and asks again about failures; past it, everything is
// asked again. The cache survives a save and a load unchanged.
func TestCache(t *testing.T) {
	s := answers(t)
	path := filepath.Join(t.TempDir(), CacheFile)
	urls := []string{s.URL + "/ok", s.URL + "/perm1", s.URL + "/404", s.URL + "/503"}
	run := func(now time.Time) map[string]*Result {
		t.Helper()
		cache, err := LoadCache(path)
		if err != nil {
			t.Fatal(err)
		}
		opts := testOptions(t, &sleeps{})
		opts.Cache = cache
		opts.Now = func() time.Time { return now }
		res := check(t, opts, urls...)
		if err := cache.Save(path); err != nil {
			t.Fatal(err)
		}
		return res
	}
	counts := func() []int {
		var n []int
		for _, p := range []string{"/ok", "/perm1", "/404", "/503"} {
			n = append(n, s.count(p))
		}
		return n
	}

	run(testNow)
	first := counts()
	data, _ := os.ReadFile(path)
	for _, want := range []string{`"version": 1`, s.URL + `/ok"`, `"moved_to": "` + s.URL + `/ok"`, `"checked": "2026-03-02T12:00:00Z"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the cache file lacks %s:\n%s", want, data)
		}
	}
	if bytes.Contains(data, []byte("/404")) || bytes.Contains(data, []byte("/503")) {
		t.Errorf("the cache holds a failure:\n%s", data)
	}

	res := run(testNow.Add(6 * 24 * time.Hour))
	second := counts()
	if second[0] != first[0] || second[1] != first[1] {
		t.Errorf("within the lifetime the fine links were asked again: %v then %v", first, second)
	}
	if second[2] <= first[2] || second[3] <= first[3] {
		t.Errorf("the failures were not asked again: %v then %v", first, second)
	}
	if r := res[s.URL+"/perm1"]; !r.Cached || r.Status != Moved || r.MovedTo != s.URL+"/ok" {
		t.Errorf("cached moved link: %+v", r)
	}
	if r := res[s.URL+"/ok"]; !r.Cached || !r.Checked.Equal(testNow) {
		t.Errorf("cached link keeps its first check time: %+v", r)
	}
	again, _ := os.ReadFile(path)
	if !bytes.Equal(data, again) {
		t.Errorf("a run from the cache changed the file:\n%s\nthen\n%s", data, again)
	}

	run(testNow.Add(7 * 24 * time.Hour))
	if third := counts(); third[0] == second[0] || third[1] == second[1] {
		t.Errorf("past the lifetime the fine links were not asked again: %v then %v", second, third)
	}

	// A link that leaves the site leaves the cache.
	urls = urls[:1]
	run(testNow.Add(7 * 24 * time.Hour))
	if c, _ := LoadCache(path); c.Len() != 1 {
		t.Errorf("%d entries after the site lost links, want 1", c.Len())
	}
}

func TestCacheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, CacheFile)
	if c, err := LoadCache(path); err != nil || c.Len() != 0 {
		t.Fatalf("missing file: %v, %d entries", err, c.Len())
	}

	c := NewCache()
	for _, u := range []string{"https://b.example/", "https://a.example/", "https://c.example/"} {
		c.store(&Result{URL: u, Status: OK, Code: 200, Checked: testNow})
	}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	one, _ := os.ReadFile(path)
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	two, _ := os.ReadFile(path)
	if !bytes.Equal(one, two) {
		t.Error("two saves of one cache differ")
	}
	if a, b := bytes.Index(one, []byte("a.example")), bytes.Index(one, []byte("b.example")); a > b {
		t.Errorf("entries not sorted:\n%s", one)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".chronicle-links-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// An entry from the future is not trusted; a failure in the file is
	// not taken as fine; another version is ignored; garbage is an error.
	os.WriteFile(path, []byte(`{"version": 1, "links": {
		"https://future.example/": {"checked": "2099-01-01T00:00:00Z", "status": "ok", "code": 200},
		"https://failed.example/": {"checked": "2026-03-02T00:00:00Z", "status": "gone", "code": 404}}}`), 0o644)
	c, err := LoadCache(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.lookup("https://future.example/", testNow, DefaultMaxAge) != nil || c.lookup("https://failed.example/", testNow, DefaultMaxAge) != nil {
		t.Error("an untrustworthy entry was used")
	}
	os.WriteFile(path, []byte(`{"version": 99, "links": {"https://a.example/": {"checked": "2026-03-02T00:00:00Z", "status": "ok"}}}`), 0o644)
	if c, err := LoadCache(path); err != nil || c.Len() != 0 {
		t.Errorf("another version: %v, %d entries", err, c.Len())
	}
	os.WriteFile(path, []byte(`{not json`), 0o644)
	if _, err := LoadCache(path); err == nil || !strings.Contains(err.Error(), CacheFile) {
		t.Errorf("garbage: %v", err)
	}
}
