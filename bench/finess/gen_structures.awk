# Writes a synthetic FINESS « Structures » flux in JSON (schema-structures-v1 of data.gouv.fr)
# of national size: n legal entities (pmej), each with one entité géographique (ege) carrying
# what the real flux carries (address with coordinates, contact, events), every kind of
# commune code (metropolitan, 2A/2B, overseas 971–978 and 986), about one pharmacy (620) in
# four — outside the perimeter — and one closed entity (etatObjet "I") in twenty among the
# others. Writes the number of establishments in the perimeter to `expect`.
# Usage: awk -v n=100000 -v expect=FILE -f gen_structures.awk > flux.json
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
function number(prefix, seq) {
  if (prefix == "2A" || prefix == "2B") return sprintf("%s%07d", prefix, seq)
  return with_key(sprintf("%s%06d", prefix, seq))
}
BEGIN {
  nc = split("01053 13055 2A004 2B033 33063 44109 49099 59350 69123 75113 97101 97209 97302 97411 97502 97611 97701 97801 98611", cogs, " ")
  split("106 355 292 365 127 500 620 620", cats, " ")
  split("HOPITAL CLINIQUE CENTRE POLE EHPAD RESIDENCE PHARMACIE PHARMACIE", words, " ")
  in_perimeter = 0
  printf "{\"schemaVersion\":\"v1.0.0\",\"generatedAt\":\"2026-03-09T15:49:37Z\",\"gcc\":[],\"gco\":[],\"pmej\":[\n"
  for (i = 1; i <= n; i++) {
    cog = cogs[(i % nc) + 1]; c = (i % 8) + 1
    p = substr(cog, 1, 2)
    et = number(p, i)
    ej = number(p, 500000 + i)
    state = "A"
    if (cats[c] != "620" && i % 20 == 0) state = "I"
    if (cats[c] != "620" && state == "A") in_perimeter++
    name = words[c] " \303\211TABLISSEMENT \\\"BENCH\\\" " i "   "
    addr = "{\"usageAdresse\":\"03\",\"numeroVoie\":\"12\",\"typeVoie\":\"R\",\"libelleVoie\":\"DES TILLEULS\",\"cogCommune\":\"" cog "\",\"ligneAcheminement\":\"" cog " VILLE" i "\",\"codePostal\":\"" cog "\",\"coordonneesGeographique\":{\"coordonneeX\":\"403512.3\",\"coordonneeY\":\"6668021.9\",\"directionLatitude\":\"47.06\",\"directionLongitude\":\"-0.88\",\"cleInInteropBAN\":\"" cog "_0515_00012\",\"scoreBAN\":\"0.96\"}}"
    ev = "[{\"evenementId\":\"" i "\",\"dateEnregistrement\":\"2025-10-21 18:36:29\",\"dateEvenement\":\"1990-01-01\",\"etatObjet1\":\"003\",\"identifiantObjet1\":\"" i "\",\"systemeMaitre\":\"01\",\"typeObjet1\":\"EG\",\"codeEvenement\":\"003\"}]"
    contact = "[{\"typeContact\":{\"roleContact\":\"01\"},\"telecom\":{\"telephone\":\"0241000000\"}}]"
    ege = "{\"informationsGeneralesEGE\":{\"egeId\":\"" i "\",\"dateOuverture\":\"1990-01-01\",\"datePremiereAutorisation\":\"1990-01-01\",\"nomEgeCourt\":\"" words[c] " " i "\",\"nomEgeLong\":\"" name "\",\"numFinessEge\":\"" et "\",\"siret\":\"12345678900022\"},\"categorieentiteGeographiqueExercice\":\"" cats[c] "\",\"modefixationtarifaire\":\"07\",\"typeBudget\":[\"01\"],\"adresse\":[" addr "],\"contact\":" contact ",\"engagement\":[],\"evenement\":" ev ",\"roleEge\":[],\"etatObjet\":\"" state "\",\"dateDerniereMaj\":\"2021-10-18 00:00:00\"}"
    printf "%s{\"informationsGeneralesPMEJ\":{\"pmSmsseId\":\"%d\",\"codeApe\":\"86.10Z\",\"dateCreation\":\"1990-01-01\",\"denominationLonguePmSmsse\":\"EJ BENCH %d\",\"denominationPm\":\"EJ BENCH %d\",\"numFinessPm\":\"%s\",\"siren\":\"123456789\",\"statutJuridique\":\"21\",\"typePersonneMorale\":\"01\"},\"adresse\":[%s],\"contact\":%s,\"engagement\":[],\"evenement\":%s,\"ege\":[%s],\"etatObjet\":\"A\",\"dateDerniereMaj\":\"2021-10-18 00:00:00\"}\n", (i > 1 ? "," : ""), i, i, i, ej, addr, contact, ev, ege
  }
  printf "]}\n"
  print in_perimeter > expect
}
