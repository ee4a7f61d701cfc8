#!/bin/sh
# geo-data.sh rebuilds geo/outlines.bin, the land outlines the map drawer embeds,
# from Natural Earth's countries as packaged by the npm package world-atlas.
# The version is pinned so that the bytes are reproducible; run it from the repository root.
#
#   scripts/geo-data.sh            # writes geo/outlines.bin
#   RES=110m scripts/geo-data.sh   # the coarser outlines, for comparison
set -eu
VERSION=2.0.2
RES=${RES:-50m}
# Douglas-Peucker tolerance in degrees: at 0.02 deg a point is dropped only where it moves
# the line by under 2 km, under a pixel on a 1280 px map of the whole of Europe.
TOL=${TOL:-0.02}
out=$(pwd)/geo/outlines.bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --no-save --ignore-scripts --no-audit --no-fund "world-atlas@$VERSION" >/dev/null
RES=$RES TOL=$TOL OUT=$out node - <<'JS'
// Decode the TopoJSON (arcs of delta-encoded quantized positions, then the transform),
// rebuild each country's rings, simplify them, and write the compact form geo/outline.go reads:
//   "CHRONICLE-OUTLINES-1\n", uvarint ring count, then per ring: uvarint point count and
//   per point the zigzag-varint deltas of lon and lat in hundredths of a degree.
const fs = require('fs');
const topo = JSON.parse(fs.readFileSync(`node_modules/world-atlas/countries-${process.env.RES}.json`));
const tol = Number(process.env.TOL);
const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map(arc => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
});
function ring(ids) {
  const pts = [];
  for (const i of ids) {
    let a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    if (pts.length) a = a.slice(1);
    pts.push(...a);
  }
  return pts;
}
function dp(pts) {
  // Iterative Douglas-Peucker; the first and last points (the same for a ring) stay.
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop();
    const [x1, y1] = pts[i], [x2, y2] = pts[j];
    const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy);
    let best = -1, bi = -1;
    for (let k = i + 1; k < j; k++) {
      const [x, y] = pts[k];
      const d = len === 0 ? Math.hypot(x - x1, y - y1) : Math.abs(dy * x - dx * y + x2 * y1 - y2 * x1) / len;
      if (d > best) { best = d; bi = k; }
    }
    if (best > tol) { keep[bi] = 1; stack.push([i, bi], [bi, j]); }
  }
  return pts.filter((_, k) => keep[k]);
}
const rings = [];
const geoms = topo.objects.countries.geometries.slice().sort((a, b) => String(a.id).localeCompare(String(b.id)));
for (const g of geoms) {
  const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
  for (const p of polys) for (const r of p) {
    // Quantize before simplifying so that the kept points are the written ones.
    let q = dp(ring(r)).map(([x, y]) => [Math.round(x * 100), Math.round(y * 100)]);
    q = q.filter((pt, k) => k === 0 || pt[0] !== q[k - 1][0] || pt[1] !== q[k - 1][1]);
    if (q.length >= 4) rings.push(q);
  }
}
const bytes = [];
const uv = n => { while (n >= 0x80) { bytes.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); } bytes.push(n); };
const zz = n => uv(n < 0 ? -2 * n - 1 : 2 * n);
for (const c of Buffer.from('CHRONICLE-OUTLINES-1\n')) bytes.push(c);
uv(rings.length);
let points = 0;
for (const r of rings) {
  uv(r.length); points += r.length;
  let px = 0, py = 0;
  for (const [x, y] of r) { zz(x - px); zz(y - py); px = x; py = y; }
}
fs.writeFileSync(process.env.OUT, Buffer.from(bytes));
console.log(`${process.env.OUT}: ${rings.length} rings, ${points} points, ${bytes.length} bytes`);
JS
