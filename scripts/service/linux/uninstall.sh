#!/usr/bin/env bash
# Stops and removes Cetak's systemd service "cetakd" and the `cetak` command install.sh wrote.
# Keeps /etc/cetak and /var/lib/cetak (config, job store, install secret) unless --remove-data:
# the job store cannot be opened without its secret, so take a backup first if the jobs matter
# (cetak backup FILE --with-secret, docs/privacy.md).
set -euo pipefail

SERVICE=cetakd
CONFIG_DIR=/etc/cetak
DATA_DIR=/var/lib/cetak
UNIT_DIR=/etc/systemd/system
CLI_LINK=/usr/local/bin/cetak

fail() {
  echo "uninstall.sh: $*" >&2
  exit 1
}

remove_data=no
for arg in "$@"; do
  case "$arg" in
    --remove-data) remove_data=yes ;;
    *) fail "unknown argument \"$arg\" (the only one is --remove-data)" ;;
  esac
done
[ "$(id -u)" -eq 0 ] || fail "run as root: sudo $0"

# Stopping waits for a card in progress to finish (TimeoutStopSec in the unit).
systemctl disable --now "$SERVICE.service" 2>/dev/null || true
rm -f "$UNIT_DIR/$SERVICE.service" "$CLI_LINK"
systemctl daemon-reload
echo "Service $SERVICE removed"

if [ "$remove_data" = yes ]; then
  # With DynamicUser the real data lives in /var/lib/private/cetak; /var/lib/cetak links to it.
  rm -rf "$DATA_DIR" /var/lib/private/cetak "$CONFIG_DIR"
  echo "Deleted $DATA_DIR and $CONFIG_DIR"
else
  echo "Kept $CONFIG_DIR and $DATA_DIR; --remove-data deletes them"
fi
