# Writes a synthetic FINESS extract shaped like the published national file: the metadata
# line "finess;etalab;…", n "structureet" lines (valid Luhn keys, every kind of department
# code including 2A/2B and the overseas 9A-9J, about one pharmacy in four — outside the
# perimeter —, one name in ten quoted with doubled quotes, ISO-8859-15 accents), then one
# "geolocalisation" line per establishment. Usage: awk -v n=100000 -f gen_extract.awk
function luhn_ok(s,   i, d, sum, pos) {
  sum = 0
  for (i = length(s); i >= 1; i--) {
    d = substr(s, i, 1) + 0
    pos = length(s) - i
    if (pos % 2 == 1) { d *= 2; if (d > 9) d -= 9 }
    sum += d
  }
  return sum % 10 == 0
}
function with_key(body,   k) { for (k = 0; k <= 9; k++) if (luhn_ok(body k)) return body k }
function number(dep, seq,   p) {
  if (dep == "2A" || dep == "2B") return sprintf("%s%07d", dep, seq)
  p = dep
  if (dep ~ /^9[A-E]$/) p = "97"
  if (dep ~ /^9[F-J]$/) p = "98"
  return with_key(sprintf("%s%06d", p, seq))
}
BEGIN {
  nd = split("01 13 2A 2B 33 44 49 59 69 75 9A 9B 9C 9D 9E 9F 9G 9H 9J", deps, " ")
  split("106 355 292 365 127 500 620 620", cats, " ")
  split("1102 1102 1106 1206 1108 4401 3201 3201", aggs, " ")
  split("Centre Hospitalier;Centre Hospitalier;Centre Hospitalier Sp\351cialis\351;Clinique;HAD;EHPAD;Pharmacie d'Officine;Pharmacie d'Officine", labels, ";")
  split("HOPITAL CLINIQUE CENTRE POLE EHPAD RESIDENCE PHARMACIE PHARMACIE", words, " ")
  printf "finess;etalab;111;2026-05-12\r\n"
  for (i = 1; i <= n; i++) {
    dep = deps[(i % nd) + 1]; c = (i % 8) + 1
    et[i] = number(dep, i)
    ej = number(dep, 500000 + i)
    rs = words[c] " BENCH " i
    rsl = words[c] " \311TABLISSEMENT BENCH " i
    if (i % 10 == 0) rsl = "\"" words[c] " \"\"LES " i "\"\"; BENCH\""
    line = "structureet;" et[i] ";" ej ";" rs ";" rsl
    for (f = 5; f <= 31; f++) {
      v = ""
      if (f == 13) v = dep
      if (f == 14) v = "DEPARTEMENT " dep
      if (f == 15) v = "49300 VILLE" i
      if (f == 18) v = cats[c]
      if (f == 19) v = labels[c]
      if (f == 20) v = aggs[c]
      if (f == 28) v = "1990-01-01"
      line = line ";" v
    }
    printf "%s\r\n", line
  }
  for (i = 1; i <= n; i++)
    printf "geolocalisation;%s;403512.3;6668021.9;1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (M\351tropole);2026-05-04\r\n", et[i]
}
