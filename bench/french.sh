# Shell helpers for the bench scripts that check what a page says, written as the pages
# write it (src/common/french.hpp): sourced by bench/dashboard/run.sh and bench/trends/run.sh.

# 40000 -> "40 000 établissements" (thousands grouped by a no-break space, real plural).
fr_count() {
  local g
  g=$(printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/\xc2\xa0&/;ta')
  if [ "$1" = 1 ]; then echo "1 établissement"; else echo "$g établissements"; fi
}
