#!/usr/bin/env bash
# Installs (or reinstalls) Cetak's systemd service "cetakd" and starts it. Run as root from the
# checkout in /opt/cetak, after npm ci (docs/install-linux.md). Safe to run again: it keeps
# /etc/cetak/cetak.yaml and /var/lib/cetak, replaces the unit and restarts the service.
#   --no-start   install and enable, but do not start (for instance to edit cetak.yaml first)
set -euo pipefail

# These names are also in cetakd.service, src/cli/data-dir-lookup.ts and the docs; a test keeps them equal.
SERVICE=cetakd
INSTALL_DIR=/opt/cetak
NODE=/usr/bin/node
CONFIG_FILE=/etc/cetak/cetak.yaml
DATA_DIR=/var/lib/cetak
UNIT_DIR=/etc/systemd/system
CLI_LINK=/usr/local/bin/cetak

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

start=yes
for arg in "$@"; do
  case "$arg" in
    --no-start) start=no ;;
    *) fail "unknown argument \"$arg\" (the only one is --no-start)" ;;
  esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(cd "$here/../../.." && pwd)
[ "$(id -u)" -eq 0 ] || fail "run as root: sudo $0"
[ "$checkout" = "$INSTALL_DIR" ] ||
  fail "Cetak is in $checkout, but the service runs it from $INSTALL_DIR (WorkingDirectory in $SERVICE.service); move it there"
[ -x "$NODE" ] || fail "no Node.js at $NODE; install Node.js 24 LTS first (docs/install-linux.md)"
"$NODE" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  fail "Node.js $("$NODE" --version) is too old: Cetak needs 20.19 or later (24 LTS recommended)"
[ -d "$INSTALL_DIR/node_modules" ] || fail "run npm ci in $INSTALL_DIR first"
for group in dialout lp; do
  getent group "$group" >/dev/null || fail "this system has no \"$group\" group, which $SERVICE.service names in SupplementaryGroups"
done

# The service reads the config as its own unprivileged user, so the file is world-readable: keep
# secrets out of it (the daemon makes its own token in $DATA_DIR, readable by root only).
install -d -m 0755 "$(dirname "$CONFIG_FILE")"
if [ ! -e "$CONFIG_FILE" ]; then
  install -m 0644 "$INSTALL_DIR/config/default.yaml" "$CONFIG_FILE"
  echo "Wrote $CONFIG_FILE (two emulated printers): edit it for the office's printers"
fi

install -m 0644 "$here/$SERVICE.service" "$UNIT_DIR/$SERVICE.service"

# `cetak` for everyone on this PC; run as root it finds the service's daemon in $DATA_DIR by itself.
if [ -f "$INSTALL_DIR/dist/src/bin/cetak.js" ]; then
  cli="exec $NODE $INSTALL_DIR/dist/src/bin/cetak.js \"\$@\""
else
  # --import tsx resolves from the working directory; the CLI runs from anywhere, so give its path.
  loader=$("$NODE" -p "require.resolve('tsx', { paths: ['$INSTALL_DIR'] })")
  cli="exec $NODE --import $loader $INSTALL_DIR/src/bin/cetak.ts \"\$@\""
fi
printf '#!/bin/sh\n# Written by %s/install.sh\n%s\n' "$here" "$cli" >"$CLI_LINK"
chmod 0755 "$CLI_LINK"

systemctl daemon-reload
systemctl enable "$SERVICE.service"
echo "Service $SERVICE installed and enabled; the CLI is $CLI_LINK"
if [ "$start" = no ]; then
  echo "Not started. Start it with: systemctl start $SERVICE"
  exit 0
fi

systemctl restart "$SERVICE.service"
for _ in $(seq 1 60); do
  [ -e "$DATA_DIR/daemon.json" ] && break
  sleep 1
done
[ -e "$DATA_DIR/daemon.json" ] || fail "the daemon has not written $DATA_DIR/daemon.json after 60 s; see journalctl -u $SERVICE"
url=$("$NODE" -p "JSON.parse(require('fs').readFileSync('$DATA_DIR/daemon.json', 'utf8')).url")
echo "Cetak is running: dashboard at $url (the token is in $DATA_DIR/token, readable by root)"
