#!/bin/sh
# run.sh: builds the layout engine's test driver (tests/layout/test.c, a
# fake backend) twice, with -Werror and with AddressSanitizer, LeakSanitizer
# and UndefinedBehaviorSanitizer, and runs both against the golden dumps
# in tests/layout/*.out.  UPDATE=1 rewrites the golden files (review the
# diff by eye).  Prints "ok - ..." / "not ok - ..." per check, ends with
# "N passed, N failed" and exits non-zero if anything failed.

set -u

cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kt-layout.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

cc=${CC:-cc}
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wmissing-prototypes
  -Wstrict-prototypes -Wwrite-strings -Wshadow -Werror"
san="-fsanitize=address,undefined -fno-omit-frame-pointer
  -fno-sanitize-recover=undefined -O1 -g"
srcs="src/mem.c src/i18n.c src/diag.c src/input.c src/encoding.c src/blocks.c src/phrases.c src/layout.c src/layout_para.c src/layout_table.c src/layout_out.c tests/layout/fake.c tests/layout/test.c"
libs="-lunistring"
# expand.c: a real template expanded and laid out with the face set
# (font.c) and no PDF backend: the template, model and rule modules it
# takes, and no pdf.c, no libharu.
esrcs="src/mem.c src/i18n.c src/diag.c src/input.c src/encoding.c
  src/xml_in.c src/model.c src/dossier_in.c src/rules.c src/plan.c
  src/ruleset.c src/validate.c src/validate_doc.c src/validate_nominee.c
  src/validate_batch.c src/fields.c src/sha256.c src/png_in.c
  src/blocks.c src/phrases.c src/layout.c src/layout_para.c
  src/layout_table.c src/layout_out.c src/font.c src/ttf.c
  src/fonts.c src/template.c src/tpl_compile.c src/tpl_field.c
  src/tpl_expand.c tests/layout/fake.c tests/layout/expand.c"
elibs="$(pkg-config --cflags --libs libxml-2.0 2>/dev/null ||
  echo -I/usr/include/libxml2 -lxml2) -lpcre2-8 -lunistring -lpng -lm"

# A driver that hangs (a layout loop that never ends) fails, if timeout(1)
# is there to stop it.
limit=
if command -v timeout >/dev/null 2>&1; then
  limit="timeout 300"
fi

pass=0
fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
notok() { echo "not ok - $*"; fail=$((fail + 1)); }

# build NAME OUTPUT EXTRA-FLAGS: compile the driver, one check.
build() {
  # shellcheck disable=SC2086
  if $cc $flags $3 -Isrc $srcs -o "$2" $libs 2>"$tmp/$1.cc"; then
    ok "$1: builds with -Werror"
    return 0
  fi
  notok "$1: builds with -Werror"
  sed 's/^/# /' "$tmp/$1.cc"
  return 1
}

# drive NAME COMMAND...: run the driver, pass its lines on (prefixed
# with NAME) and count them; the driver must also run to its end and say
# nothing on stderr (where the sanitizers report).
drive() {
  name=$1
  shift
  $limit "$@" tests/layout >"$tmp/$name.out" 2>"$tmp/$name.err"
  st=$?
  set -- "$name"
  while IFS= read -r line; do
    case $line in
      "ok - "*) ok "$1: ${line#ok - }" ;;
      "not ok - "*) notok "$1: ${line#not ok - }" ;;
      *) echo "$line" ;;
    esac
  done <"$tmp/$1.out"
  if grep -q '^# [0-9]* passed, [0-9]* failed$' "$tmp/$1.out" &&
      [ $st -le 1 ]; then
    ok "$1: the driver runs to its end"
  else
    notok "$1: the driver runs to its end (exit $st)"
  fi
  if [ -s "$tmp/$1.err" ]; then
    notok "$1: nothing on stderr (no sanitizer report, no leak)"
    head -40 "$tmp/$1.err" | sed 's/^/# /'
  else
    ok "$1: nothing on stderr (no sanitizer report, no leak)"
  fi
}

if build plain "$tmp/test" "-O2"; then
  drive plain "$tmp/test"
fi

# The golden files are written (UPDATE=1) by the first run only.
if build asan "$tmp/test-asan" "$san"; then
  drive asan env UPDATE= ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$tmp/test-asan"
fi

# The sample certificate and the submission, as the program lays them out
# (tests/render/layout/, which the suite checks against the program).
# shellcheck disable=SC2086
if $cc $flags -D_DEFAULT_SOURCE -Isrc $esrcs -o "$tmp/expand" $elibs \
    2>"$tmp/expand.cc"; then
  ok "expand: builds with -Werror, without pdf.c and libharu"
  for doc in bang-khen:CN01:bang-khen-CN01 to-trinh:CN01:to-trinh; do
    t=${doc%%:*}
    rest=${doc#*:}
    $limit "$tmp/expand" "templates/$t.xml" tests/check/valid.xml \
      "${rest%%:*}" "tests/render/layout/${rest#*:}.pdf.layout" \
      >"$tmp/expand.out" 2>&1
    st=$?
    while IFS= read -r line; do
      case $line in
        "ok - "*) ok "expand $t: ${line#ok - }" ;;
        "not ok - "*) notok "expand $t: ${line#not ok - }" ;;
        *) echo "$line" ;;
      esac
    done <"$tmp/expand.out"
    [ $st -le 1 ] || notok "expand $t: the driver runs to its end (exit $st)"
  done
else
  notok "expand: builds with -Werror, without pdf.c and libharu"
  sed 's/^/# /' "$tmp/expand.cc"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
