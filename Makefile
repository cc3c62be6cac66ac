# khenthuong: plain make.  `make run` and `make test` install what is
# missing (Debian packages) first.

VERSION	= 0.1.0
PREFIX	= /usr/local
DATADIR	= $(PREFIX)/share/khenthuong
# The message catalogues: `make install` puts them in $(LOCALEDIR); the
# program looks in build/locale, then ../share/locale beside itself first.
LOCALEDIR = $(PREFIX)/share/locale

CC	?= cc
CFLAGS	?= -O2 -g
WARN	= -std=c11 -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
	  -Wwrite-strings -Wshadow -Wpointer-arith -Wformat-security
WERROR	?=
XML_CFLAGS = $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	  -DVERSION=\"$(VERSION)\" -DDATADIR=\"$(DATADIR)\" \
	  -DLOCALEDIR=\"$(LOCALEDIR)\" $(XML_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(if $(WERROR),-Werror) $(CFLAGS)
LDLIBS	= -lhpdf -lpng -lxml2 -lpcre2-8 -lunistring -lm

# Debian packages: to build, and for the tests to look at what we make.
DEPS_BUILD = gcc make pkg-config libxml2-dev libpcre2-dev libunistring-dev \
	  libhpdf-dev libpng-dev fonts-liberation2 gettext
DEPS_TEST = $(DEPS_BUILD) libxml2-utils poppler-utils qpdf mupdf-tools \
	  libpdfbox2-java default-jre-headless libactivation-java \
	  libjaxb-api-java fonts-dejavu-core python3-fonttools mandoc man-db \
	  python3-fitz

SRCS	= src/mem.c src/diag.c src/encoding.c src/xml_in.c src/model.c \
	  src/input.c src/dossier_in.c src/rules.c src/plan.c src/ruleset.c \
	  src/validate.c src/validate_doc.c src/validate_nominee.c \
	  src/validate_batch.c src/fields.c \
	  src/blocks.c src/phrases.c src/layout.c src/layout_para.c \
	  src/layout_table.c src/layout_out.c src/font.c src/fonts.c \
	  src/template.c src/tpl_compile.c src/tpl_field.c src/tpl_expand.c \
	  src/sha256.c src/ttf.c src/pdf.c src/pdf_meta.c \
	  src/pdf_font.c src/pdf_draw.c src/pdf_write.c src/pdf_hpdf.c \
	  src/render.c src/batch.c src/pool.c src/calibrate.c src/i18n.c \
	  src/progress.c src/csv_in.c src/dossier_out.c src/import.c \
	  src/outdir.c src/png_in.c src/printer.c
MAIN	= src/main.c
LINGUAS	= vi
POT	= po/khenthuong.pot
MOS	= $(LINGUAS:%=build/locale/%/LC_MESSAGES/khenthuong.mo)
OBJS	= $(SRCS:src/%.c=build/%.o)
ASAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)
HDRS	= $(wildcard src/*.h) src/fields.in

.PHONY: all run test asan fuzz bench clean deps deps-test deps-fuzz pot

all: khenthuong

# The interface's message catalogues: `make pot` remakes po/khenthuong.pot
# from the sources (then `msgmerge -U --no-location --sort-output po/vi.po
# po/khenthuong.pot` and translate what is new or fuzzy); msgfmt builds
# each language's .mo beside the program, where it finds it.
build/locale/%/LC_MESSAGES/khenthuong.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=C_:1c,2 --keyword=ngettext:1,2 --add-comments=TRANSLATORS: \
	    --package-name=khenthuong --package-version=$(VERSION) \
	    --msgid-bugs-address= --no-location --sort-output \
	    -o $(POT) $(SRCS) $(MAIN)

khenthuong: $(OBJS) build/main.o | $(MOS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) build/main.o $(LDLIBS)

build/%.o: src/%.c $(HDRS)
	@mkdir -p build
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

SAN	= -fsanitize=address,undefined -fno-omit-frame-pointer \
	  -fno-sanitize-recover=undefined

khenthuong-asan: $(ASAN_OBJS) build/asan/main.o | $(MOS)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -o $@ $(ASAN_OBJS) build/asan/main.o $(LDLIBS)

build/asan/%.o: src/%.c $(HDRS)
	@mkdir -p build/asan
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SAN) -O1 -c -o $@ $<

build/unit: tests/unit.c $(OBJS) | $(MOS)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc -o $@ tests/unit.c $(OBJS) $(LDLIBS)

build/unit-asan: tests/unit.c $(ASAN_OBJS) | $(MOS)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SAN) -O1 -Isrc -o $@ tests/unit.c $(ASAN_OBJS) $(LDLIBS)

# Fuzz targets: libFuzzer builds for `make fuzz`, and plain replays of
# the kept inputs (tests/fuzz/dossier, template, csv, printer, plan) for
# the suite.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer

build/fuzz-%: tests/fuzz/fuzz_%.c $(SRCS) $(HDRS)
	@mkdir -p build
	clang $(ALL_CPPFLAGS) -std=c11 $(FUZZ_CFLAGS) -Isrc -o $@ $< $(SRCS) $(LDLIBS)

build/replay-%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(OBJS)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_$*.c $(OBJS) $(LDLIBS)

build/asan-replay-%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(ASAN_OBJS)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SAN) -O1 -Isrc -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_$*.c $(ASAN_OBJS) $(LDLIBS)

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory build/fuzz-dossier build/fuzz-template \
	    build/fuzz-csv build/fuzz-printer build/fuzz-plan
	@mkdir -p build/corpus-dossier build/corpus-template build/corpus-csv \
	    build/corpus-printer build/corpus-plan tests/fuzz/dossier \
	    tests/fuzz/template tests/fuzz/csv tests/fuzz/printer tests/fuzz/plan
	./build/fuzz-dossier -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=tests/fuzz/dossier/crash- -print_final_stats=1 \
	    build/corpus-dossier tests/check input tests/fuzz/dossier
	./build/fuzz-template -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=tests/fuzz/template/crash- -print_final_stats=1 \
	    build/corpus-template templates tests/templates tests/fuzz/template
	./build/fuzz-csv -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=tests/fuzz/csv/crash- -print_final_stats=1 \
	    build/corpus-csv tests/fuzz/csv tests/import/bad
	./build/fuzz-printer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=tests/fuzz/printer/crash- -print_final_stats=1 \
	    build/corpus-printer printers tests/fuzz/printer
	./build/fuzz-plan -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=tests/fuzz/plan/crash- -print_final_stats=1 \
	    build/corpus-plan plans tests/plans tests/fuzz/plan

# A benchmark, not a test: prints figures against ReportLab (bench/README.md).
bench: deps
	@bash bench/run.sh

deps-fuzz:
	@sh tools/ensure-deps $(DEPS_BUILD) clang libclang-rt-14-dev

deps:
	@sh tools/ensure-deps $(DEPS_BUILD)

deps-test:
	@sh tools/ensure-deps $(DEPS_TEST)

run: deps
	@$(MAKE) --no-print-directory all
	./khenthuong render input/*.xml

test: deps-test
	@$(MAKE) --no-print-directory khenthuong build/unit build/replay-dossier \
	    build/replay-template build/replay-csv build/replay-printer \
	    build/replay-plan
	@sh tests/run.sh ./khenthuong build/unit build/replay-

asan: deps-test
	@$(MAKE) --no-print-directory khenthuong-asan build/unit-asan \
	    build/asan-replay-dossier build/asan-replay-template \
	    build/asan-replay-csv build/asan-replay-printer \
	    build/asan-replay-plan
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/run.sh ./khenthuong-asan build/unit-asan build/asan-replay-

# Installing.  PROG is the program `make install` copies (the suite
# installs the very binary it tests); DESTDIR stages for a package.
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man
DESTDIR	=
PROG	= khenthuong

.PHONY: install uninstall

# The README's picture: the first certificate of a sample, drawn by the
# program itself (DOCS=dir writes it elsewhere; the suite compares).
DOCS	= docs
$(DOCS)/bang-khen.png: $(PROG) input/bchqs-dot-1.xml templates/bang-khen.xml \
	    fonts/fonts.xml
	@sh tools/ensure-deps poppler-utils
	@rm -rf $(DOCS)/.render && mkdir -p $(DOCS)
	$(abspath $(PROG)) render -o $(DOCS)/.render --only bang-khen \
	    input/bchqs-dot-1.xml
	pdftoppm -png -scale-to 900 -f 1 -l 1 -singlefile \
	    $(DOCS)/.render/bchqs-dot-1/bang-khen-in.pdf $(DOCS)/bang-khen
	@rm -rf $(DOCS)/.render

# What `make install` puts under $(DATADIR), by folder.
DATA_SCHEMA	= $(wildcard schema/*.xsd)
DATA_PLANS	= $(wildcard plans/*.xml) plans/README.md
DATA_TEMPLATES	= $(wildcard templates/*.xml templates/*.png) templates/README.md \
		  templates/phrases.txt
DATA_FONTS	= fonts/fonts.xml $(wildcard fonts/*.ttf)
DATA_PRINTERS	= $(wildcard printers/*.xml)
DATA_COLOR	= $(wildcard color/*.icc)
DATA_DIRS	= schema plans templates fonts printers color

# The installed program finds its data at <bindir>/../share/khenthuong,
# so a tree installed with one PREFIX runs wherever it is.
install: $(PROG) $(MOS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/khenthuong
	install -m 644 khenthuong.1 $(DESTDIR)$(MANDIR)/man1/khenthuong.1
	for d in $(DATA_DIRS); do install -d $(DESTDIR)$(DATADIR)/$$d; done
	install -m 644 $(DATA_SCHEMA) $(DESTDIR)$(DATADIR)/schema
	install -m 644 $(DATA_PLANS) $(DESTDIR)$(DATADIR)/plans
	install -m 644 $(DATA_TEMPLATES) $(DESTDIR)$(DATADIR)/templates
	install -m 644 $(DATA_FONTS) $(DESTDIR)$(DATADIR)/fonts
	install -m 644 $(DATA_PRINTERS) $(DESTDIR)$(DATADIR)/printers
	install -m 644 $(DATA_COLOR) $(DESTDIR)$(DATADIR)/color
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 build/locale/$$l/LC_MESSAGES/khenthuong.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES || exit 1; done

# Removes what `make install` put there, and the folders that were ours.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/khenthuong \
	    $(DESTDIR)$(MANDIR)/man1/khenthuong.1 \
	    $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/khenthuong.mo)
	rm -f $(DATA_SCHEMA:%=$(DESTDIR)$(DATADIR)/%) \
	    $(DATA_PLANS:%=$(DESTDIR)$(DATADIR)/%) \
	    $(DATA_TEMPLATES:%=$(DESTDIR)$(DATADIR)/%) \
	    $(DATA_FONTS:%=$(DESTDIR)$(DATADIR)/%) \
	    $(DATA_PRINTERS:%=$(DESTDIR)$(DATADIR)/%) \
	    $(DATA_COLOR:%=$(DESTDIR)$(DATADIR)/%)
	for d in $(DATA_DIRS); do rmdir $(DESTDIR)$(DATADIR)/$$d 2>/dev/null; \
	    done; rmdir $(DESTDIR)$(DATADIR) 2>/dev/null; true

clean:
	rm -rf build khenthuong khenthuong-asan tests/out
