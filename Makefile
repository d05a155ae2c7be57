# Makefile - the whole course in one non-recursive GNU make build (`make help`).
#
# Everything generated goes to build/. The build discovers its parts by their place:
#   lib/*.c                       -> build/libnn.a
#   chapters/NN-slug/*.c          -> build/bin/NN-slug
#   tests/{lib,chapters,grader}/*.c -> build/tests/unit (one Criterion binary)
#   tests/exercises/NN-slug/*.c   -> one test binary per exercise, built by tools/grade.sh
#   chapters/NN-slug/README.md    -> build/book/NN-slug.html
# so a new chapter, module or test needs no edit here.

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules
SHELL := /bin/bash

B := build
CC ?= cc
CFLAGS ?= -O2 -g

# SANITIZE=1 builds everything with AddressSanitizer and UndefinedBehaviorSanitizer into
# build/sanitize/ (its own objects, library, programs and tests), so a sanitized object
# never mixes with a normal one. `make test SANITIZE=1` then fails on any report (see
# "Sanitizers" below).
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ifeq ($(SANITIZE),1)
  B := build/sanitize
  SAN_CFLAGS := $(SANITIZE_FLAGS)
endif
# WERROR=1 turns warnings into errors (CI sets it).
WARNINGS := -Wall -Wextra -Wpedantic $(if $(filter 1,$(WERROR)),-Werror)
# -ffp-contract=off: no fused multiply-adds, so results equal numpy's to the last bit.
ALL_CFLAGS = -std=c11 $(WARNINGS) -D_POSIX_C_SOURCE=200809L -ffp-contract=off $(CFLAGS) $(SAN_CFLAGS)
DEPFLAGS = -MMD -MP
LDLIBS := -lm

# Speed (see bench/ and the appendix "Making it fast"). The default build is portable:
# the matrix kernel picks AVX2 or AVX-512 at run time where the processor has them.
# NATIVE=1 compiles everything for this machine's processor (-march=native), which
# also vectorises the element-wise loops with its widest vectors (the library is
# rebuilt when NATIVE, CFLAGS or SPEED_CFLAGS change). The library's worker threads
# need -pthread.
ALL_CFLAGS += $(if $(filter 1,$(NATIVE)),-march=native)
LDLIBS += -pthread
# The files a fit spends its time in are compiled with SPEED_CFLAGS after CFLAGS: -O3
# vectorises their element-wise loops (measured: heart twice as fast as with -O2), and
# without -ffast-math it changes no result. SPEED_CFLAGS= turns it off.
SPEED_CFLAGS ?= -O3 -fno-math-errno
SPEED_OBJ := $(patsubst %,$(B)/obj/lib/%.o,gemm matrix activation loss solver lbfgs mlp mlp_train mlp_fast)
$(SPEED_OBJ): EXTRA_CPPFLAGS += $(SPEED_CFLAGS)

# ---------------------------------------------------------------------------------------
# Dependencies: every goal but clean and help first makes sure the compiler, pkg-config,
# Criterion, gnuplot and pandoc are installed, and installs what is missing.
# The hardening goals need more: clang and libFuzzer (fuzz), valgrind (memcheck),
# cppcheck, clang-tidy and clang (lint).
NO_DEPS_GOALS := clean help
DEPS_GROUPS := build $(if $(filter fuzz fuzz-build,$(MAKECMDGOALS)),fuzz) \
  $(if $(filter memcheck,$(MAKECMDGOALS)),memcheck) $(if $(filter lint,$(MAKECMDGOALS)),lint)
ifneq ($(filter-out $(NO_DEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
  $(shell tools/deps.sh $(DEPS_GROUPS) >&2)
  ifneq ($(.SHELLSTATUS),0)
    $(error tools/deps.sh could not install the missing packages named above)
  endif
endif

# Criterion's flags come from pkg-config (a bare -lcriterion misses its dependencies).
CRITERION_CFLAGS = $(shell pkg-config --cflags criterion)
CRITERION_LIBS = $(shell pkg-config --libs criterion)

# ---------------------------------------------------------------------------------------
# The library.
LIB_SRC := $(wildcard lib/*.c)
LIB_OBJ := $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC))
LIBNN := $(B)/libnn.a

$(LIBNN): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ilib $(EXTRA_CPPFLAGS) $(DEPFLAGS) -c $< -o $@

# ---------------------------------------------------------------------------------------
# Installing libnn like any C library: `make install [PREFIX=/usr/local] [DESTDIR=...]`
# puts the static library, a shared one (soname libnn.so.$(NN_SOVERSION)), the public
# headers under include/nn/ (nn.h is the umbrella) and a pkg-config file nn-course.pc
# there; `make uninstall` (same PREFIX and DESTDIR) removes exactly those files. The
# shared library is built from its own position-independent objects in $(B)/pic/, so
# the static library and the programs keep their objects, numbers and speed.
NN_VERSION := 1.0.0
NN_SOVERSION := $(firstword $(subst ., ,$(NN_VERSION)))
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# The public headers: nn.h and those it includes (the *_internal.h and
# activation_slopes.h stay inside the library).
PUBLIC_HEADERS := lib/nn.h $(addprefix lib/,$(shell sed -n 's/^\#include "\(.*\.h\)"/\1/p' lib/nn.h))
LIBNN_SO := $(B)/libnn.so.$(NN_VERSION)
PIC_OBJ := $(patsubst %.c,$(B)/pic/%.o,$(LIB_SRC))
$(patsubst $(B)/obj/%,$(B)/pic/%,$(SPEED_OBJ)): EXTRA_CPPFLAGS += $(SPEED_CFLAGS)

$(B)/pic/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -Ilib $(EXTRA_CPPFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIBNN_SO): $(PIC_OBJ)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,libnn.so.$(NN_SOVERSION) -Wl,--no-undefined \
	  $^ $(LDLIBS) -o $@

# Inside the tree, build/include/nn points at lib/, so that a program written against the
# installed headers, `#include <nn/nn.h>` (the README's example), builds with
# -Ibuild/include as it does with pkg-config's flags.
IN_TREE_INCLUDE := build/include/nn
$(IN_TREE_INCLUDE):
	@mkdir -p $(@D)
	ln -sfn ../../lib $@

# The files install puts in place, relative to DESTDIR, for uninstall to remove.
INSTALLED := $(LIBDIR)/libnn.a $(LIBDIR)/libnn.so.$(NN_VERSION) \
  $(LIBDIR)/libnn.so.$(NN_SOVERSION) $(LIBDIR)/libnn.so $(PKGCONFIGDIR)/nn-course.pc \
  $(addprefix $(INCLUDEDIR)/nn/,$(notdir $(PUBLIC_HEADERS)))

.PHONY: install uninstall shared
shared: $(LIBNN_SO)

install: $(LIBNN) $(LIBNN_SO) lib/nn-course.pc.in
	install -d '$(DESTDIR)$(LIBDIR)' '$(DESTDIR)$(INCLUDEDIR)/nn' '$(DESTDIR)$(PKGCONFIGDIR)'
	install -m 644 $(LIBNN) '$(DESTDIR)$(LIBDIR)/libnn.a'
	install -m 755 $(LIBNN_SO) '$(DESTDIR)$(LIBDIR)/libnn.so.$(NN_VERSION)'
	ln -sf libnn.so.$(NN_VERSION) '$(DESTDIR)$(LIBDIR)/libnn.so.$(NN_SOVERSION)'
	ln -sf libnn.so.$(NN_SOVERSION) '$(DESTDIR)$(LIBDIR)/libnn.so'
	install -m 644 $(PUBLIC_HEADERS) '$(DESTDIR)$(INCLUDEDIR)/nn/'
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(NN_VERSION)|' lib/nn-course.pc.in > '$(DESTDIR)$(PKGCONFIGDIR)/nn-course.pc'
	chmod 644 '$(DESTDIR)$(PKGCONFIGDIR)/nn-course.pc'

uninstall:
	rm -f $(addprefix '$(DESTDIR),$(addsuffix ',$(INSTALLED)))
	-rmdir '$(DESTDIR)$(INCLUDEDIR)/nn' 2>/dev/null

# ---------------------------------------------------------------------------------------
# The chapter programs: every chapters/NN-slug/ holding C files becomes build/bin/NN-slug.
CHAPTERS := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard chapters/*/*.c)))))
CHAPTER_BINS := $(addprefix $(B)/bin/,$(CHAPTERS))
chapter_number = $(firstword $(subst -, ,$1))

define chapter_program
$(B)/bin/$1: $(patsubst %.c,$(B)/obj/%.o,$(wildcard chapters/$1/*.c)) $(LIBNN)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$^ $$(LDLIBS) -o $$@
endef
$(foreach c,$(CHAPTERS),$(eval $(call chapter_program,$c)))

# ---------------------------------------------------------------------------------------
# Tests. Library and chapter-program tests share one Criterion binary; the exercise
# tests are graded one binary per exercise by tools/grade.sh.
UNIT_SRC := $(wildcard tests/lib/*.c tests/chapters/*.c tests/grader/*.c)
UNIT_OBJ := $(patsubst %.c,$(B)/obj/%.o,$(UNIT_SRC))
$(UNIT_OBJ): EXTRA_CPPFLAGS = -Itests $(CRITERION_CFLAGS) -DNN_BIN_DIR='"$(B)/bin"'

$(B)/tests/unit: $(UNIT_OBJ) $(LIBNN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(UNIT_OBJ) $(LIBNN) $(CRITERION_LIBS) $(LDLIBS) -o $@

# The fuzz targets (fuzz/NAME.c, see "Fuzzing" below); `make test` replays their
# committed corpus with build/fuzz-replay/NAME.
FUZZ_TARGETS := $(sort $(filter-out replay,$(basename $(notdir $(wildcard fuzz/*.c)))))
REPLAY_BINS := $(addprefix $(B)/fuzz-replay/,$(FUZZ_TARGETS))

# What tools/grade.sh needs to compile a test against an exercise.
GRADE_ENV = CC='$(CC)' CFLAGS='$(ALL_CFLAGS)' LIBNN='$(LIBNN)' \
            CRITERION_CFLAGS='$(CRITERION_CFLAGS)' CRITERION_LIBS='$(CRITERION_LIBS)'

.PHONY: test
# The install check installs the plain library even under SANITIZE=1: a program built
# with pkg-config's flags links no sanitizer runtime.
test: $(B)/tests/unit $(CHAPTER_BINS) $(LIBNN) $(REPLAY_BINS) $(IN_TREE_INCLUDE)
	@status=0; \
	$(SAN_SETUP) \
	echo "== readability: chapter and library sizes, error macros, stubs (tools/code-figures.sh)"; \
	tools/code-figures.sh --check || status=1; \
	echo "== chapter READMEs: the code and output they quote are current (tools/readme-sync.sh)"; \
	tools/readme-sync.sh --check --bin $(B)/bin || status=1; \
	echo "== figures: every committed SVG is what its program draws (tools/figures.sh)"; \
	{ $(DRAW_FIGURES) && tools/figures.sh --check $(FIGURE_PAIRS); } || status=1; \
	echo "== text figures: tick labels apart, keys off the data (tools/text-figures.sh)"; \
	$(MAKE) -s text-figures || status=1; \
	echo "== fuzz corpus: every committed input replays cleanly"; \
	for t in $(FUZZ_TARGETS); do $(B)/fuzz-replay/$$t fuzz/corpus/$$t || status=1; done; \
	echo "== exercises: the solutions must pass every test"; \
	$(GRADE_ENV) tools/grade.sh --tree solutions --brief --plain $(SAN_GRADE) || status=1; \
	echo "== exercises: every pristine stub must fail its tests"; \
	$(GRADE_ENV) tools/check-exercises.sh || status=1; \
	echo "== install: make install into a temporary prefix, the README's example through pkg-config"; \
	MAKE='$(MAKE) SANITIZE=' tools/install-check.sh || status=1; \
	echo "== live figures and windows: tmux and Xvfb (tests/live/live-check.sh)"; \
	{ tests/live/live-check.sh $(B)/bin; s=$$?; [ $$s = 0 ] || [ $$s = 77 ]; } || status=1; \
	echo "== library, chapter programs and the grader"; \
	set -o pipefail; \
	$(GRADE_ENV) $(B)/tests/unit 2>&1 | tee $(B)/tests/unit.log || status=1; \
	$(SAN_CHECK) \
	exit $$status

# Sanitizers (SANITIZE=1). Criterion passes a test whose process printed a sanitizer
# report, so the reports are collected instead: every process the suite starts (test
# workers, chapter programs) writes them to $(SAN_REPORTS)/ through log_path, the
# exercises are graded with --sanitize (which reads each binary's stderr), and the run
# fails when a report file or a report line in the unit tests' output exists. (gcc's
# UBSan ignores log_path next to ASan, so UBSan aborts and ASan reports the abort.)
SAN_REPORTS := $(B)/sanitizer-reports
ifeq ($(SANITIZE),1)
  SAN_SETUP = rm -rf $(SAN_REPORTS) && mkdir -p $(SAN_REPORTS) && \
    export ASAN_OPTIONS=log_path=$(CURDIR)/$(SAN_REPORTS)/asan:log_exe_name=1:detect_leaks=1:allocator_may_return_null=1:handle_abort=1:exitcode=99 \
           UBSAN_OPTIONS=log_path=$(CURDIR)/$(SAN_REPORTS)/ubsan:log_exe_name=1:print_stacktrace=1:halt_on_error=1:abort_on_error=1 \
           GRADE_OUT=$(B)/grade;
  SAN_GRADE = --sanitize
  SAN_CHECK = tools/sanitizer-reports.sh $(SAN_REPORTS) $(B)/tests/unit.log || status=1;
endif

# Reference values: tools/fixtures/NAME.py writes tests/fixtures/NAME.h with Debian's
# numpy and scikit-learn (installed on demand). Only needed when a fixture changes.
FIXTURE_SCRIPTS := $(wildcard tools/fixtures/*.py)
.PHONY: fixtures
fixtures:
	@tools/deps.sh python
	@for script in $(FIXTURE_SCRIPTS); do \
	  name=$$(basename $$script .py); \
	  echo "$$script -> tests/fixtures/$$name.h"; \
	  /usr/bin/python3 $$script > tests/fixtures/$$name.h.tmp && \
	    mv tests/fixtures/$$name.h.tmp tests/fixtures/$$name.h || exit 1; \
	done

# ---------------------------------------------------------------------------------------
# The learner's loop.
.PHONY: lib run grade
lib: $(LIBNN) $(IN_TREE_INCLUDE)

RUN_CHAPTER := $(filter $(CH)-%,$(CHAPTERS))
run: $(addprefix $(B)/bin/,$(RUN_CHAPTER))
	@if [ -z "$(CH)" ]; then echo "usage: make run CH=01 [ARGS=\"--seed 2\"]" >&2; exit 2; fi
	@if [ -z "$(RUN_CHAPTER)" ]; then echo "chapter $(CH) has no program yet (chapters: $(CHAPTERS))" >&2; exit 1; fi
	$(B)/bin/$(RUN_CHAPTER) $(ARGS)

.PHONY: hint solution watch
hint:
	@tools/exercise.sh hint '$(EX)'

solution: $(LIBNN)
	@$(GRADE_ENV) tools/exercise.sh solution '$(EX)'

watch: $(LIBNN)
	@$(GRADE_ENV) tools/exercise.sh watch '$(or $(EX),$(CH))' $(if $(DIR),--tree '$(DIR)')

grade: $(LIBNN)
	@$(GRADE_ENV) tools/grade.sh --tree '$(or $(DIR),exercises)' \
	  $(if $(CH),--chapter '$(CH)') $(if $(EX),--exercise '$(EX)') \
	  $(if $(REPORT),--report '$(REPORT)') $(if $(filter 1,$(SANITIZE)),--sanitize) \
	  $(if $(filter 1,$(VERBOSE)),--verbose)

# ---------------------------------------------------------------------------------------
# The book: a page per chapter, each chapter's figures drawn by its own program.
BOOK := $(B)/book
BOOK_CHAPTERS := $(sort $(notdir $(patsubst %/README.md,%,$(wildcard chapters/*/README.md))))
BOOK_PAGES := $(BOOK)/index.html $(addprefix $(BOOK)/,$(addsuffix .html,$(BOOK_CHAPTERS)))
BOOK_FRAME := book/template.html book/style.css $(wildcard book/filters/*.lua)
PANDOC_HTML = pandoc --from=markdown --to=html5 --standalone --mathml \
  --template=book/template.html --highlight-style=pygments --toc --toc-depth=2 \
  --metadata-file=book/metadata.yaml --metadata-file=$(BOOK)/toc.yaml \
  --lua-filter=book/filters/book.lua

# The seed and flags each program runs with for its figures and the book's outputs.
FIGURE_ARGS_01-neuron := --seed 1
FIGURE_ARGS_03-seeding := --seed 1
FIGURE_ARGS_04-gradient-descent := --seed 1
FIGURE_ARGS_05-backpropagation := --seed 1 --part both
FIGURE_ARGS_06-numpy-xor := --seed 1
FIGURE_ARGS_07-mlp-classifier := --seed 1 --max-iter 1000 --part all
FIGURE_ARGS_08-heart-disease := --seed 1 --sweep --overfitting --scaling

# Appendices: hand-written ones in book/appendices/, and the API reference made from
# the headers (in the order lib/nn.h includes them).
APPENDIX_SRC := $(wildcard book/appendices/*.md)
API_HEADERS := $(addprefix lib/,$(shell sed -n 's/^\#include "\(.*\.h\)"/\1/p' lib/nn.h))
TOC_SOURCES := $(addprefix chapters/,$(addsuffix /README.md,$(BOOK_CHAPTERS))) $(APPENDIX_SRC) $(BOOK)/api.md
BOOK_PAGES += $(patsubst book/appendices/%.md,$(BOOK)/%.html,$(APPENDIX_SRC)) $(BOOK)/api.html

$(BOOK)/api.md: tools/api-appendix.sh tools/library-growth.sh lib/nn.h $(wildcard lib/*.h lib/*.c)
	@mkdir -p $(@D)
	tools/api-appendix.sh $(API_HEADERS) > $@.tmp && mv $@.tmp $@

# The list of pages, rewritten only when a title changes, so other pages stay built.
$(BOOK)/toc.yaml: $(TOC_SOURCES) tools/book-toc.sh
	@mkdir -p $(@D)
	@tools/book-toc.sh $(TOC_SOURCES) > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(BOOK)/%.html: book/appendices/%.md $(BOOK)/toc.yaml book/metadata.yaml $(BOOK_FRAME)
	@mkdir -p $(BOOK)/.deps
	NN_BOOK_DEPS=$(BOOK)/.deps/$*.d NN_BOOK_TARGET=$@ $(PANDOC_HTML) -M page=$* -o $@ $<

$(BOOK)/api.html: $(BOOK)/api.md $(BOOK)/toc.yaml book/metadata.yaml $(BOOK_FRAME)
	$(PANDOC_HTML) -M page=api -o $@ $<

define chapter_page
$(B)/figures/$(call chapter_number,$1)/.done: $(B)/bin/$1
	@rm -rf $$(@D) && mkdir -p $$(@D)
	$$(call draw_chapter,$1,$$(@D))
	@touch $$@

$(BOOK)/$1.html: chapters/$1/README.md $(B)/figures/$(call chapter_number,$1)/.done \
                 $(BOOK)/toc.yaml book/metadata.yaml $(BOOK_FRAME)
	@mkdir -p $(BOOK)/figures/$(call chapter_number,$1) $(BOOK)/.deps
	cp $(B)/figures/$(call chapter_number,$1)/*.svg $(BOOK)/figures/$(call chapter_number,$1)/ 2>/dev/null || true
	NN_BOOK_PAGE=$1 NN_BOOK_DEPS=$(BOOK)/.deps/$1.d NN_BOOK_TARGET=$$@ \
	  $$(PANDOC_HTML) -M page=$1 -o $$@ $$<
endef
$(foreach c,$(BOOK_CHAPTERS),$(eval $(call chapter_page,$c)))

$(BOOK)/index.html: book/preface.md $(BOOK)/toc.yaml book/metadata.yaml $(BOOK_FRAME)
	@mkdir -p $(@D)
	$(PANDOC_HTML) -M page=index -o $@ $<

$(BOOK)/style.css: book/style.css
	@mkdir -p $(@D)
	cp $< $@

# The whole book as one document: an EPUB, and an HTML page that Chromium prints to PDF.
BOOK_SOURCES := book/preface.md $(TOC_SOURCES)
PANDOC_SINGLE = pandoc --from=markdown --standalone --mathml --highlight-style=pygments \
  --metadata-file=book/metadata.yaml -M single=true --lua-filter=book/filters/book.lua \
  --resource-path=$(BOOK) --toc --toc-depth=1 -M title="Neural Networks in C"
EPUB := $(BOOK)/neural-networks-in-c.epub

# Its figures are copies whose ids are unique across the book (tools/svg-ids.sh): gnuplot
# repeats the same ids in every figure, which an EPUB's XML does not allow.
$(EPUB): $(BOOK_SOURCES) $(BOOK_PAGES) book/metadata.yaml book/filters/book.lua book/epub.css tools/svg-ids.sh
	tools/svg-ids.sh $(BOOK)/figures $(BOOK)/.epub
	$(PANDOC_SINGLE) --resource-path=$(BOOK)/.epub:$(BOOK) --to=epub3 --css=book/epub.css \
	  --epub-chapter-level=1 -o $@ $(BOOK_SOURCES)

$(BOOK)/print.html: $(BOOK_SOURCES) $(BOOK_PAGES) $(BOOK)/style.css book/filters/book.lua
	$(PANDOC_SINGLE) --to=html5 --css=style.css -o $@ $(BOOK_SOURCES)

# The maths font: TeX Gyre DejaVu Math, an OpenType font with a MATH table (Debian's
# fonts-texgyre-math, installed by tools/deps.sh). The pages load it from fonts/ and the
# EPUB carries a copy, so the maths looks the same offline in a browser and a reader.
MATH_FONT ?= /usr/share/texmf/fonts/opentype/public/tex-gyre-math/texgyredejavu-math.otf
BOOK_MATH_FONT := $(BOOK)/fonts/texgyredejavu-math.otf
$(BOOK_MATH_FONT): $(MATH_FONT)
	@mkdir -p $(@D)
	cp $< $@
$(EPUB): $(BOOK_MATH_FONT)
$(EPUB): PANDOC_SINGLE += --epub-embed-font=$(BOOK_MATH_FONT)
$(BOOK)/print.html: $(BOOK_MATH_FONT)
book: $(BOOK_MATH_FONT)

.PHONY: book book-pdf book-check regions
book: regions $(BOOK_PAGES) $(BOOK)/style.css $(EPUB)

# Every `// [name]` region in the sources is quoted by a page: a region no reader sees
# could rot unnoticed, so an unquoted one stops the book build (tools/regions.sh).
regions:
	@tools/regions.sh

# The chapter READMEs carry the code and output they quote, so that they read well in
# the repository: `make readmes` rewrites that text from the sources and the programs
# (tools/readme-sync.sh, with the book's own book/filters/snippets.lua), and `make test`
# fails when a README is out of date. The pages are made from the sources either way.
.PHONY: readmes
readmes: $(CHAPTER_BINS)
	@tools/readme-sync.sh --bin $(B)/bin

# Opens every page in headless Chromium (installed on demand, with Node.js for the
# driver) and fails on a broken image, link or anchor, a page error, maths that is not
# MathML, an empty listing, or, at 390 and 1280 px, sideways overflow, off-centre or
# shrunken display maths, brackets that do not stretch, aligned rows that do not line up. Screenshots go to build/book-check/. features.mjs checks
# the search box, the light and dark themes and the links to the EPUB and PDF. Then it
# checks the EPUB (epub-check, below).
book-check:
	@tools/deps.sh browser
	@$(MAKE) --no-print-directory book
	@cd tools/book-check && { test -d node_modules/playwright-core || npm ci --no-audit --no-fund --loglevel=error; }
	node tools/book-check/check.mjs $(BOOK) $(B)/book-check
	node tools/book-check/features.mjs $(BOOK) $(B)/book-check
	@$(MAKE) --no-print-directory epub-check

# The EPUB: epubcheck must report no error and no warning, and tools/book-check/epub.mjs
# resolves every internal link inside it and checks that no two figures share an id.
# Debian's epubcheck is a jar that runs as a command only where binfmt is set up, so it
# is started with java when the jar is there.
EPUBCHECK = $(if $(wildcard /usr/share/java/epubcheck.jar),java -jar /usr/share/java/epubcheck.jar,epubcheck)
.PHONY: epub-check
epub-check: $(EPUB)
	@tools/deps.sh epub
	$(EPUBCHECK) --quiet --failonwarnings $(EPUB)
	node tools/book-check/epub.mjs $(EPUB)

# Search: book/filters/search.lua writes each page's sections to $(BOOK)/.search/PAGE.js,
# and search-index.js joins them into one script that every page loads with a <script>
# tag, which works from file:// (a fetch() of JSON does not); book/search.js searches it.
PANDOC_HTML += --lua-filter=book/filters/search.lua
$(BOOK)/search-index.js: $(BOOK_PAGES)
	@{ echo '// The book search index, made from the pages by book/filters/search.lua.'; \
	  echo 'window.BOOK_SEARCH = ['; \
	  cat $(patsubst $(BOOK)/%.html,$(BOOK)/.search/%.js,$(BOOK_PAGES)); echo '];'; } > $@.tmp
	@mv $@.tmp $@
$(BOOK)/search.js: book/search.js
	cp $< $@
book: $(BOOK)/search-index.js $(BOOK)/search.js

# The PDF: headless Chromium prints the single-page book. When Chromium is installed,
# `make book` makes the PDF too and every page links to it; without Chromium the pages
# leave that link out rather than point at a file that is not there, and `make book-pdf`
# says what to install. $(B)/.book-pdf records which, so the pages are rebuilt when
# Chromium comes or goes. Every page links the EPUB, which `make book` always makes.
CHROMIUM := $(firstword $(shell command -v chromium chromium-browser 2>/dev/null))
BOOK_PDF := $(BOOK)/neural-networks-in-c.pdf
PANDOC_HTML += -M epub=$(notdir $(EPUB)) $(if $(CHROMIUM),-M pdf=$(notdir $(BOOK_PDF)))
book: $(if $(CHROMIUM),$(BOOK_PDF))
$(BOOK_PAGES): $(B)/.book-pdf
CHROMIUM_FLAGS := --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync
book-pdf: $(BOOK_PDF)
$(BOOK_PDF): $(BOOK)/print.html
	@if [ -z "$(CHROMIUM)" ]; then echo "make book-pdf: Chromium is not installed (tools/deps.sh browser installs it)" >&2; exit 1; fi
	@profile=$$(mktemp -d); \
	"$(CHROMIUM)" $(CHROMIUM_FLAGS) --user-data-dir=$$profile --no-pdf-header-footer \
	  --print-to-pdf=$(CURDIR)/$@.tmp file://$(CURDIR)/$(BOOK)/print.html 2>/dev/null; \
	status=$$?; rm -rf $$profile; \
	test $$status -eq 0 && test -s $@.tmp && mv $@.tmp $@ && echo "Wrote $@"

# ---------------------------------------------------------------------------------------
# Fuzzing. Each fuzz/NAME.c (but replay.c) is a libFuzzer target, built with clang and
# AddressSanitizer + UndefinedBehaviorSanitizer into build/fuzz/NAME, against a library
# built the same way (with coverage instrumentation) in build/fuzz/obj. `make fuzz` runs
# each for FUZZ_SECONDS from its committed seed corpus fuzz/corpus/NAME/ (new inputs go
# to build/fuzz/corpus/NAME/, never into the repository) and fails on any crash, leak,
# undefined behaviour, time-out or broken promise; the input that did it is saved as
# build/fuzz/findings/NAME-crash-... . `make test` replays the committed corpus with the
# normal compiler (fuzz/replay.c), so every past finding stays a regression test.
FUZZ_B := build/fuzz
FUZZ_CC := clang
FUZZ_SECONDS ?= 10
FUZZ_MAX_LEN ?= 4096
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -Wall -Wextra -Wpedantic $(if $(filter 1,$(WERROR)),-Werror) \
  -D_POSIX_C_SOURCE=200809L -ffp-contract=off -g -O1 $(FUZZ_SAN)
FUZZ_LIB_OBJ := $(patsubst %.c,$(FUZZ_B)/obj/%.o,$(LIB_SRC))

$(FUZZ_B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -Ilib $(DEPFLAGS) -c $< -o $@

$(FUZZ_B)/libnn.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(addprefix $(FUZZ_B)/,$(FUZZ_TARGETS)): $(FUZZ_B)/%: fuzz/%.c fuzz/fuzz.h $(FUZZ_B)/libnn.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Ilib $< $(FUZZ_B)/libnn.a -lm -o $@

# The replay binaries: the same targets, the normal compiler and flags, no libFuzzer.
$(REPLAY_BINS): $(B)/fuzz-replay/%: fuzz/%.c fuzz/replay.c fuzz/fuzz.h $(LIBNN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ilib fuzz/$*.c fuzz/replay.c $(LIBNN) $(LDLIBS) -o $@

.PHONY: fuzz fuzz-build
fuzz-build: $(addprefix $(FUZZ_B)/,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@status=0; mkdir -p $(FUZZ_B)/findings; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_B)/corpus/$$t; \
	  dict=; [ -f fuzz/$$t.dict ] && dict=-dict=fuzz/$$t.dict; \
	  echo "== fuzz $$t: $(FUZZ_SECONDS) s from fuzz/corpus/$$t/ ($$(ls fuzz/corpus/$$t | wc -l) seeds)"; \
	  if TMPDIR=$$([ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "$${TMPDIR:-/tmp}") \
	     $(FUZZ_B)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=10 \
	       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(FUZZ_B)/findings/$$t- \
	       $$dict $(FUZZ_B)/corpus/$$t fuzz/corpus/$$t > $(FUZZ_B)/$$t.log 2>&1; then \
	    grep -E '^stat::number_of_executed_units|^Done' $(FUZZ_B)/$$t.log | tail -n 2; \
	  else \
	    status=1; echo "make fuzz: $$t found a problem (log: $(FUZZ_B)/$$t.log):" >&2; \
	    grep -E -m 12 -A 12 'ERROR:|runtime error:|broken promise|==[0-9]+==' $(FUZZ_B)/$$t.log >&2; \
	    ls $(FUZZ_B)/findings/$$t-* >&2 2>/dev/null; \
	  fi; \
	done; exit $$status

# Every chapter program draws its figures as text (--plot=dumb, with the flags that draw
# every figure) and tools/text-figures.sh checks them: no tick labels run together or
# sharing a row, no key box over the data. The figures go to build/text-figures/.
TEXT_FIGURES_B := $(B)/text-figures

.PHONY: text-figures
text-figures: $(CHAPTER_BINS)
	@rm -rf $(TEXT_FIGURES_B); status=0; \
	for run in $(foreach c,$(CHAPTERS),'$c|$(FIGURE_ARGS_$c)'); do \
	  c=$${run%%|*} args=$${run#*|}; \
	  tools/text-figures.sh --draw $(B)/bin $(TEXT_FIGURES_B) $$c $$args || status=1; \
	done; \
	tools/text-figures.sh --check $(TEXT_FIGURES_B)/*.txt || status=1; \
	exit $$status

# ---------------------------------------------------------------------------------------
# Memcheck: every chapter program under valgrind, with the arguments it draws the book's
# figures with (--plot=svg into a fresh temporary directory). Fails on any memory error
# and on any block definitely lost; prints each program's summary. Logs go to
# build/memcheck/NN-slug.log.
MEMCHECK_B := build/memcheck
VALGRIND := valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --track-origins=yes --num-callers=30

.PHONY: memcheck
memcheck: $(CHAPTER_BINS)
	@mkdir -p $(MEMCHECK_B); status=0; \
	for run in $(foreach c,$(CHAPTERS),'$c|$(FIGURE_ARGS_$c)'); do \
	  c=$${run%%|*} args=$${run#*|}; out=$$(mktemp -d); log=$(MEMCHECK_B)/$$c.log; \
	  $(VALGRIND) --log-file=$$log $(B)/bin/$$c --plot=svg --out $$out $$args > $(MEMCHECK_B)/$$c.out 2>&1; \
	  rc=$$?; figures=$$(ls $$out | wc -l); rm -rf $$out; \
	  errors=$$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' $$log); \
	  lost=$$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' $$log); \
	  echo "memcheck $$c $$args: exit $$rc, $${errors:-?} errors, $${lost:-0} bytes definitely lost, $$figures figures"; \
	  if [ $$rc -ne 0 ] || [ "$${errors:-1}" != 0 ] || [ "$${lost:-0}" != 0 ]; then \
	    status=1; echo "make memcheck: $$c failed (valgrind log: $$log)" >&2; \
	    grep -E -A 20 'Invalid|uninitialised|definitely lost in|Mismatched|overlap' $$log | head -n 60 >&2; \
	  fi; \
	done; exit $$status

# ---------------------------------------------------------------------------------------
# Lint: cppcheck and clang-tidy over every C file we ship (tools/lint.sh, configured by
# .clang-tidy and tools/lint/), then every binary built again with clang and -Werror in
# build/clang/ (gcc's build is the default one, so both compilers stay warning-free).
.PHONY: lint binaries
binaries: $(LIBNN) $(CHAPTER_BINS) $(B)/tests/unit $(REPLAY_BINS)

lint:
	@tools/lint.sh -j2
	@echo "== clang build, warnings as errors (build/clang/)"
	@$(MAKE) --no-print-directory B=build/clang CC=clang WERROR=1 SANITIZE= binaries >build/lint/clang-build.log 2>&1 \
	  || { grep -E -B2 -A6 'error|warning' build/lint/clang-build.log >&2; exit 1; }
	@echo "clang: library, $(words $(CHAPTER_BINS)) programs, unit tests and fuzz replayers build without a warning"

# The sizes that keep the code readable: chapter programs, functions, library files,
# error macros in chapters, (void) lines in stubs (tools/code-figures.sh says which).
.PHONY: code-figures
code-figures:
	@tools/code-figures.sh --check

# ---------------------------------------------------------------------------------------
# The main job: library, programs, the chapter READMEs' quotes, figures and book.
.PHONY: all
all: $(LIBNN) $(IN_TREE_INCLUDE) $(CHAPTER_BINS) readmes figures book
	@echo "Built: $(LIBNN), $(words $(CHAPTER_BINS)) chapter programs, and the book at $(BOOK)/index.html"

# ---------------------------------------------------------------------------------------
# The benchmark: nn_mlp against scikit-learn on the same work (bench/run.sh says how).
# BENCH_RUNS=N runs each side N times (at least 5 for the record), BENCH_WORKLOADS
# picks workloads. It writes bench/RESULTS.md and bench/results.dat, which the book's
# appendix draws; the book never runs the benchmark itself.
BENCH_RUNS ?= 5
BENCH_WORKLOADS ?= heart digits-adam digits-sgd digits-lbfgs wide predict
DIGITS_GZ := /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz

$(B)/bench/bench: $(B)/obj/bench/bench.o $(LIBNN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $^ $(LDLIBS) -o $@
$(B)/obj/bench/bench.o: EXTRA_CPPFLAGS = -Ilib

.PHONY: bench bench-kernels
bench: $(B)/bench/bench
	@BENCH_FLAGS='$(ALL_CFLAGS)' BENCH_SPEED_FLAGS='$(SPEED_CFLAGS)' BENCH_CC='$(CC)' \
	  DIGITS_GZ='$(DIGITS_GZ)' \
	  bench/run.sh $(B)/bench $(BENCH_RUNS) $(BENCH_WORKLOADS)

# GFLOP/s of each matrix kernel against the size (bench/kernels.dat, for the appendix).
bench-kernels: $(B)/bench/bench
	@bench/run.sh --kernels $(B)/bench

# The appendix "Making it fast" (book/appendices/fast.md) draws the committed results.
$(B)/figures/fast/.done: bench/plot.gp bench/results.dat bench/kernels.dat
	@rm -rf $(@D) && mkdir -p $(@D) $(BOOK)/figures/fast
	$(call draw_fast,$(@D))
	cp $(@D)/*.svg $(BOOK)/figures/fast/
	@touch $@
$(BOOK)/fast.html: $(B)/figures/fast/.done

# Committed figures. Each chapter's SVGs are also committed beside it, in
# chapters/NN-slug/figures/ (the appendix's in book/appendices/figures/), so that the
# READMEs show them when read in the repository; the book uses the ones drawn into
# $(B)/figures. `make` (or `make figures` alone) copies the drawn SVGs whose bytes differ
# over the committed ones. `make test` (or `make figures-check`) draws every figure
# afresh into $(B)/figures-check and fails, naming the file, when a committed one
# differs (tools/figures.sh). gnuplot runs with -d, so ~/.gnuplot cannot change a byte.
draw_chapter = $(B)/bin/$1 --plot=svg --out $2 $(FIGURE_ARGS_$1) > $2/output.txt
draw_fast = gnuplot -d -e "results='bench/results.dat'; kernels='bench/kernels.dat'; outdir='$1'" bench/plot.gp
figure_pairs = $(foreach c,$(BOOK_CHAPTERS),$1/$(call chapter_number,$c)=chapters/$c/figures) \
  $1/fast=book/appendices/figures
FIGURE_CHECK := $(B)/figures-check
DRAW_FIGURES = rm -rf $(FIGURE_CHECK) && \
  $(foreach c,$(BOOK_CHAPTERS),mkdir -p $(FIGURE_CHECK)/$(call chapter_number,$c) && \
    $(call draw_chapter,$c,$(FIGURE_CHECK)/$(call chapter_number,$c)) && ) \
  mkdir -p $(FIGURE_CHECK)/fast && $(call draw_fast,$(FIGURE_CHECK)/fast)
FIGURE_PAIRS := $(call figure_pairs,$(FIGURE_CHECK))

.PHONY: figures figures-check
figures: $(foreach c,$(BOOK_CHAPTERS),$(B)/figures/$(call chapter_number,$c)/.done) $(B)/figures/fast/.done
	@tools/figures.sh --update $(call figure_pairs,$(B)/figures)

figures-check: $(addprefix $(B)/bin/,$(BOOK_CHAPTERS))
	@$(DRAW_FIGURES)
	@tools/figures.sh --check $(FIGURE_PAIRS)

# Stamps: files rewritten only when their text differs from the last build's, so that
# a target depending on one is rebuilt exactly when that text changes.
#   $(B)/.code-flags    the flags that change the library's code
#   $(B)/.unit-sources  the list of unit-test sources (a deleted test relinks the binary)
CODE_FLAGS := $(CFLAGS) | $(SPEED_CFLAGS) | NATIVE=$(NATIVE)
stamp = $(shell mkdir -p $(dir $1) && { [ "$$(cat $1 2>/dev/null)" = '$2' ] || echo '$2' > $1; })
ifeq ($(filter clean help,$(MAKECMDGOALS)),)
  $(call stamp,$(B)/.code-flags,$(CODE_FLAGS))
  $(call stamp,$(B)/.unit-sources,$(UNIT_SRC))
endif
# Whether the book has a PDF to link (see BOOK_PDF).
ifeq ($(filter clean help,$(MAKECMDGOALS)),)
  $(call stamp,$(B)/.book-pdf,$(if $(CHROMIUM),with a PDF,without a PDF))
endif
$(LIB_OBJ) $(B)/obj/bench/bench.o: $(B)/.code-flags
$(B)/tests/unit: $(B)/.unit-sources

# A chapter's figures are drawn again when the arguments it draws them with change.
ifeq ($(filter clean help,$(MAKECMDGOALS)),)
  $(foreach c,$(BOOK_CHAPTERS),$(call stamp,$(B)/.figure-args/$c,$c $(FIGURE_ARGS_$c)))
endif
$(foreach c,$(BOOK_CHAPTERS),$(eval $(B)/figures/$(call chapter_number,$c)/.done: $(B)/.figure-args/$c))


.PHONY: clean
clean:
	rm -rf $(B)

.PHONY: live-check
live-check: $(CHAPTER_BINS)
	@tests/live/live-check.sh $(B)/bin

.PHONY: help
help:
	@echo "make              build the library, every chapter program, the figures and the book"
	@echo "make test         run the whole test suite (library, programs, exercises)"
	@echo "make test SANITIZE=1   the same under AddressSanitizer + UBSan, in build/sanitize/; fails on any report"
	@echo "make fuzz [FUZZ_SECONDS=10]   run each libFuzzer target (fuzz/) from its seed corpus"
	@echo "make memcheck     run every chapter program under valgrind: no errors, no leaks"
	@echo "make lint         cppcheck, clang-tidy and a clang -Werror build, all clean"
	@echo "make live-check   the live figures (--live) in tmux and --plot=window under Xvfb (make test runs it)"
	@echo "make code-figures lines per chapter program and function, library file sizes: the readability limits"
	@echo "make figures      copy the figures that changed into chapters/*/figures/ (make does it too)"
	@echo "make lib          build $(LIBNN) (header lib/nn.h; link with -lm -pthread)"
	@echo "make install [PREFIX=/usr/local] [DESTDIR=]   install libnn (static and shared), its headers and nn-course.pc"
	@echo "make uninstall [PREFIX=...] [DESTDIR=]   remove exactly what install put there"
	@echo "make run CH=01 [ARGS=\"--seed 2\"]   build and run one chapter's program"
	@echo "make grade [CH=01] [EX=01-2] [DIR=path] [REPORT=xml|tap] [SANITIZE=1] [VERBOSE=1]"
	@echo "                  grade your exercises (exercises/ unless DIR is given)"
	@echo "make hint EX=01-2 show the next level of an exercise's hint (three levels)"
	@echo "make solution EX=01-2   show the solution, once your exercise passes"
	@echo "make watch [EX=01-2|CH=01]   re-grade on every save, moving on when it passes"
	@echo "make book         build the book in $(BOOK)/ (HTML pages and an EPUB)"
	@echo "make book-pdf     print the book to PDF with headless Chromium"
	@echo "make book-check   open every page in headless Chromium and check it; epubcheck the EPUB"
	@echo "make readmes      rewrite the code and output quoted in chapters/*/README.md (make does it too)"
	@echo "make fixtures     regenerate tests/fixtures/ with numpy and scikit-learn"
	@echo "make bench [BENCH_RUNS=5] [BENCH_WORKLOADS=heart]   time nn_mlp against scikit-learn"
	@echo "make bench-kernels   GFLOP/s of the matrix kernels (for the appendix)"
	@echo "make clean        remove $(B)/"
	@echo "Options: WERROR=1 (warnings are errors), CC=clang, CFLAGS=..., NATIVE=1 (-march=native)"

-include $(shell find $(B) -name '*.d' 2>/dev/null)
