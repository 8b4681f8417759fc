# vxdiag — build, test, bench.  `make` builds ./vxdiag; `make test` runs everything.
CC      ?= cc
PKGS    := libpcap libosip2 libndpi json-c ncursesw zlib libcap-ng
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -losipparser2 -lpthread -lm
WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wno-format-truncation
CSTD    := -std=c11 -D_GNU_SOURCE
INCS    := -I. $(PKG_CFLAGS)
CFLAGS_REL  := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong $(WARN) $(CSTD) $(INCS)
CFLAGS_ASAN := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer $(WARN) $(CSTD) $(INCS)

LIB_SRCS := $(wildcard dissectors/*.c) $(wildcard analyzer/*.c) $(wildcard capture/*.c) \
            $(filter-out ui/main.c,$(wildcard ui/*.c))
MAIN_SRC := ui/main.c
HDRS     := $(wildcard dissectors/*.h analyzer/*.h capture/*.h ui/*.h)

REL_OBJS  := $(patsubst %.c,build/rel/%.o,$(LIB_SRCS))
ASAN_OBJS := $(patsubst %.c,build/asan/%.o,$(LIB_SRCS))

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,build/rel/tests/%,$(UNIT_SRCS))
UNIT_BINS_ASAN := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRCS))

.PHONY: all asan test test-only run deps deps-test clean bench fuzz
all: vxdiag

deps:
	@tests/install-deps.sh

deps-test:
	@tests/install-deps.sh --test

vxdiag: $(REL_OBJS) build/rel/ui/main.o
	@echo "  LD      $@"
	@$(CC) $(CFLAGS_REL) -o $@.tmp $^ $(PKG_LIBS) && mv -f $@.tmp $@

vxdiag-asan: $(ASAN_OBJS) build/asan/ui/main.o
	@echo "  LD      $@"
	@$(CC) $(CFLAGS_ASAN) -o $@.tmp $^ $(PKG_LIBS) && mv -f $@.tmp $@

asan: vxdiag-asan

build/rel/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_REL) -c -o $@ $<

build/asan/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC-ASAN $<"
	@$(CC) $(CFLAGS_ASAN) -c -o $@ $<

build/rel/tests/%: tests/unit/%.c $(REL_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS_REL) -o $@ $< $(REL_OBJS) $(PKG_LIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS_ASAN) -o $@ $< $(ASAN_OBJS) $(PKG_LIBS) -lcmocka

# The whole suite: release build, then the same suite under ASan+UBSan.
test: deps-test
	@$(MAKE) --no-print-directory -j2 vxdiag vxdiag-asan $(UNIT_BINS) $(UNIT_BINS_ASAN)
	@tests/run-all.sh

test-only: vxdiag vxdiag-asan $(UNIT_BINS) $(UNIT_BINS_ASAN)
	@tests/run-all.sh

run: deps vxdiag
	./vxdiag report --format text --profile samples/lab.profile samples/alg-lan.pcap --wan samples/alg-wan.pcap
	@if [ -t 0 ] && [ -t 1 ]; then ./vxdiag --profile samples/lab.profile samples/alg-lan.pcap --wan samples/alg-wan.pcap; \
	else echo "(on a terminal, make run also opens the TUI on samples/alg-lan.pcap with its WAN-side capture)"; fi

bench: vxdiag
	@bench/bench.sh ./vxdiag medium
	@bench/bench.sh ./vxdiag large
	@bench/flood.sh ./vxdiag 100000

fuzz:
	@tests/fuzz/run-fuzz.sh $${FUZZ_SECONDS:-20}

clean:
	rm -rf build vxdiag vxdiag-asan tests/out
