#!/bin/sh
# install-deps.sh — installs the Debian packages vxdiag needs to build and test, when they
# are missing. As root it runs apt-get; otherwise it names the packages to install.
set -e
BUILD="build-essential pkg-config libpcap-dev libosip2-dev libndpi-dev libncurses-dev libjson-c-dev zlib1g-dev libcmocka-dev libcap-ng-dev"
TEST="python3 tshark tcpdump tmux sip-tester kamailio tcpreplay iproute2 iptables clang libclang-rt-14-dev libxml2-utils chromium fonts-ipafont-gothic"
want="$BUILD"
[ "${1:-}" = "--test" ] && want="$BUILD $TEST"
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "vxdiag needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no without a prompt
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
