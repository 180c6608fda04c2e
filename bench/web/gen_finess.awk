# Writes N synthetic FINESS "structureet" lines with valid Luhn keys, spread over the
# departments of Pays de la Loire and Bretagne. Usage: awk -v n=1000 -f gen_finess.awk
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
BEGIN {
  split("44 49 53 72 85 22 29 35 56", deps, " ")
  split("106 355 292 365 127 500", cats, " ")
  split("1102 1102 1106 1206 1108 4401", aggs, " ")
  split("HOPITAL CLINIQUE CENTRE EHPAD RESIDENCE POLE", words, " ")
  for (i = 1; i <= n; i++) {
    dep = deps[(i % 9) + 1]; c = (i % 6) + 1
    et = with_key(sprintf("%s%06d", dep, 100000 + i))
    ej = with_key(sprintf("%s%06d", dep, 600000 + i))
    line = "structureet;" et ";" ej ";" words[c] " BENCH " i ";" words[c] " BENCH " i
    for (f = 5; f <= 31; f++) {
      v = ""
      if (f == 13) v = dep
      if (f == 15) v = "44000 VILLE" i
      if (f == 18) v = cats[c]
      if (f == 20) v = aggs[c]
      line = line ";" v
    }
    print line
  }
}
