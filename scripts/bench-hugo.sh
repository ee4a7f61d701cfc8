#!/usr/bin/env bash
# Builds the same generated corpus with Chronicle and with Hugo, alternately,
# several times, and prints the median wall time and peak memory of each and
# their ratio. It reproduces the tables of docs/performance.md; it is not
# part of the test suite.
#
#   scripts/bench-hugo.sh              # 1,000 and 10,000 notes, 5 runs each
#   RUNS=3 scripts/bench-hugo.sh 1000  # other sizes and run counts
#   HUGO=/path/to/hugo scripts/bench-hugo.sh
#
# Hugo 0.166 is installed with "go install", which needs Go 1.27: the go
# command fetches that toolchain itself (GOTOOLCHAIN, for this script only).
# Debian's hugo package (0.111) is the fallback. Both tools write to the same
# disk; set WORK to a tmpfs folder (WORK=/dev/shm/bench) to take the disk out
# of the comparison. SETTLE is the pause, in seconds, after deleting files.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
sizes=("$@")
((${#sizes[@]})) || sizes=(1000 10000)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work/bin"
echo "working in $work" >&2

hugo=${HUGO:-}
if [[ -z $hugo ]]; then
  if GOTOOLCHAIN=go1.27.4 GOBIN="$work/bin" go install github.com/gohugoio/hugo@v0.166.0 >&2; then
    hugo=$work/bin/hugo
  else
    echo "go install of Hugo 0.166 failed; using Debian's hugo" >&2
    command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo >&2; }
    hugo=$(command -v hugo)
  fi
fi
go build -o "$work/bin/chronicle" ./cmd/chronicle
echo "hugo: $("$hugo" version | head -1)" >&2

# A minimal Hugo site with the same pages: one page per event (title, date,
# kind, status, places, body, numbered sources, previous and next), lists
# for the home page and each section, and a page for every kind, place,
# actor, tag and storyline, 300 events a page as Chronicle pages them.
hugo_site() {
  local src=$1 dst=$2
  mkdir -p "$dst/layouts"
  cp -r "$src/content" "$dst/content"
  # Hugo has no month- or year-precision dates: give it the first day.
  find "$dst/content" -name '*.md' -print0 | xargs -0 sed -i -E \
    -e 's/^(date|end) = "([0-9]{4}-[0-9]{2})"$/\1 = \2-01/' \
    -e 's/^(date|end) = "([0-9]{4})"$/\1 = \2-01-01/'
  cat > "$dst/hugo.toml" <<'TOML'
baseURL = "https://example.org/bench/"
title = "Generated chronology"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[pagination]
pagerSize = 300
[taxonomies]
kind = "kind"
place = "places"
actor = "actors"
tag = "tags"
storyline = "storylines"
TOML
  cat > "$dst/layouts/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
  cat > "$dst/layouts/page.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.kind }} · {{ .Params.status }}</p>
<p>{{ range .GetTerms "places" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>{{ range .GetTerms "actors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}
<ol>{{ range .Params.sources }}<li>{{ .publisher }}, <a href="{{ .url }}">{{ .title }}</a>, {{ .published }}</li>{{ end }}</ol>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
HTML
  local list='{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range (.Paginate .RegularPagesRecursive).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date.Format "2 January 2006" }} · {{ .Params.kind }} · {{ .Params.status }}</p><p>{{ .Summary }}</p></article>
{{ end }}{{ end }}'
  for f in home section term; do printf '%s\n' "$list" > "$dst/layouts/$f.html"; done
  cat > "$dst/layouts/taxonomy.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ end }}
HTML
}

# measure CMD...: prints "seconds maxrss_kb" for one run.
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/log" || { cat "$work/log" >&2; return 1; }
  cat "$work/time"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '\n| notes | Chronicle | Hugo | Hugo / Chronicle | Chronicle peak | Hugo peak |\n|---|---|---|---|---|---|\n'
# Each run writes to a folder of its own, and nothing is deleted until the
# end: on ext4, creating files within minutes of deleting many is several
# times slower (the allocator steps around recently freed inodes), which
# would charge one tool for the other's clean-up. So use a fresh WORK, and
# do not delete large trees on the same file system shortly before. Which
# tool goes first alternates too.
settle() { sync; sleep "${SETTLE:-10}"; }
for n in "${sizes[@]}"; do
  go run ./cmd/corpus -n "$n" -o "$work/c$n" 2>/dev/null
  hugo_site "$work/c$n" "$work/h$n"
  mkdir -p "$work/out$n"
  : > "$work/chron.$n"; : > "$work/hugo.$n"
  settle
  for ((i = 0; i < runs; i++)); do
    chron=("$work/bin/chronicle" build -C "$work/c$n" -o "$work/out$n/c$i")
    hug=("$hugo" --quiet -s "$work/h$n" -d "$work/out$n/h$i")
    if ((i % 2)); then
      measure "${hug[@]}" >> "$work/hugo.$n"
      measure "${chron[@]}" >> "$work/chron.$n"
    else
      measure "${chron[@]}" >> "$work/chron.$n"
      measure "${hug[@]}" >> "$work/hugo.$n"
    fi
  done
  ct=$(cut -d' ' -f1 "$work/chron.$n" | median); cm=$(cut -d' ' -f2 "$work/chron.$n" | median)
  ht=$(cut -d' ' -f1 "$work/hugo.$n" | median); hm=$(cut -d' ' -f2 "$work/hugo.$n" | median)
  printf '| %s | %.2f s | %.2f s | %.1f× | %d MB | %d MB |\n' "$n" "$ct" "$ht" "$(echo "$ht / $ct" | bc -l)" "$((${cm%.*} / 1024))" "$((${hm%.*} / 1024))"
done
echo
echo "median of $runs runs each, alternating; $(nproc) cores; $(uname -srm)"
echo "the outputs are in $work; delete it when done" >&2
