# shellcheck shell=bash
# Helpers shared by scripts/run and scripts/test (sourced, never executed).

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

CONF="$ROOT/odoo.conf"
HELPERS="$ROOT/scripts/odoo_helpers.py"
BAOM_ADDONS="baom_base,baom_case,baom_referral,baom_events,baom_portal"
LOG_DIR="$ROOT/var/log"
# Embedded PostgreSQL: a project-local cluster, used when none is configured.
PG_DATA="$ROOT/var/pgdata"
PG_RUN="$ROOT/var/pgrun"
PG_PORT="${BAOM_PG_PORT:-5439}"
PG_ROLE="baom"
PG_OS_USER="postgres" # PostgreSQL refuses to run as root
PG_STARTED=0
DB_ARGS=()
ADDONS_PATH=""
ODOO_PID=""
INTERRUPTED=0

mkdir -p "$LOG_DIR"

step() { printf '==> %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Print why Odoo 19 cannot be used and succeed; fail silently when it can.
why_no_odoo() {
  python3 - 2>&1 <<'EOF'
import sys
try:
    import odoo.release as release
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}")
    sys.exit(0)
if release.version_info[0] != 19:
    print(f"found Odoo {release.version}, not 19.0")
    sys.exit(0)
sys.exit(1)
EOF
}

require_odoo() {
  local why
  if why=$(why_no_odoo); then
    die "Odoo 19.0 Community is required: install it so that \`python3 -c 'import odoo'\` works, e.g. from https://github.com/odoo/odoo/tree/19.0 or the nightly .deb (now: $why)"
  fi
}

# Validate odoo.conf (ini syntax, Odoo 19 option names and values).
check_conf() {
  local msg
  msg=$(python3 "$HELPERS" check-conf "$CONF" 2>&1) || die "wrong odoo.conf: $msg"
}

# Once Odoo is known to be importable: validate odoo.conf, compute the addons
# path from Odoo's own package (never a fixed location) + ours.
odoo_init() {
  check_conf
  ADDONS_PATH="$(python3 "$HELPERS" addons-path),$ROOT/addons"
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- Arabic: right-to-left stylesheets --------------------------------------

RTLCSS_INSTALLED=0

# Odoo turns its stylesheets right-to-left for Arabic with the rtlcss command
# (an npm package); without it Arabic pages are laid out left to right. Install
# it (Debian nodejs/npm first when missing) or refuse to go on.
ensure_rtlcss() {
  command -v rtlcss >/dev/null && return 0
  local sudo=()
  ((EUID == 0)) || sudo=(sudo -n)
  if ! command -v npm >/dev/null; then
    command -v apt-get >/dev/null ||
      die "rtlcss is missing, so Arabic would be shown left to right: install Node.js and npm, then run 'npm install -g rtlcss'"
    step "installing Debian packages nodejs npm for rtlcss (log: var/log/apt.log)"
    {
      "${sudo[@]}" apt-get update &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    } >>"$LOG_DIR/apt.log" 2>&1 ||
      die "apt-get could not install nodejs and npm (needed for rtlcss, Arabic right-to-left): see var/log/apt.log"
  fi
  step "installing rtlcss with npm (Arabic right-to-left; log: var/log/npm.log)"
  "${sudo[@]}" npm install -g rtlcss >"$LOG_DIR/npm.log" 2>&1 ||
    die "npm could not install rtlcss (Arabic right-to-left): see var/log/npm.log, or run 'npm install -g rtlcss' yourself"
  command -v rtlcss >/dev/null ||
    die "rtlcss was installed in $(npm prefix -g)/bin, which is not on PATH: add it to PATH"
  RTLCSS_INSTALLED=1
}

# --- PostgreSQL ------------------------------------------------------------

pg_configured() {
  [[ -n ${PGHOST:-} || -n $(python3 "$HELPERS" conf-value "$CONF" db_host) ]]
}

as_pg_user() {
  if ((EUID == 0)); then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

pg_bin_dir() {
  local dir candidates=()
  if command -v initdb >/dev/null; then
    candidates+=("$(dirname -- "$(readlink -f -- "$(command -v initdb)")")")
  fi
  mapfile -t -O "${#candidates[@]}" candidates < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
  for dir in "${candidates[@]}"; do
    if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}

# Start the project-local cluster (var/pgdata), creating it on first use.
pg_start_embedded() {
  local bin
  bin=$(pg_bin_dir) || die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: install the Debian package postgresql (apt-get install postgresql), or set db_host in odoo.conf / PGHOST to use an existing server"
  if ((EUID == 0)); then
    if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
      useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER" ||
        die "cannot create the '$PG_OS_USER' system user that runs the embedded PostgreSQL"
    fi
    mkdir -p "$PG_RUN"
    touch "$LOG_DIR/postgresql.log"
    chown "$PG_OS_USER" "$PG_RUN" "$LOG_DIR/postgresql.log"
    as_pg_user test -w "$PG_RUN" ||
      die "the '$PG_OS_USER' system user cannot write to $PG_RUN: make the parent directories of the project traversable (chmod o+x) or configure another PostgreSQL with PGHOST"
  else
    mkdir -p "$PG_RUN"
  fi
  chmod 700 "$PG_RUN"

  if [[ ! -s $PG_DATA/PG_VERSION ]]; then
    step "creating the embedded PostgreSQL cluster in var/pgdata"
    rm -rf "$PG_DATA"
    mkdir -p "$PG_DATA"
    ((EUID != 0)) || chown "$PG_OS_USER" "$PG_DATA"
    if ! as_pg_user "$bin/initdb" -D "$PG_DATA" -U "$PG_ROLE" -E UTF8 --no-locale \
      --auth-local=trust --auth-host=scram-sha-256 >"$LOG_DIR/initdb.log" 2>&1; then
      rm -rf "$PG_DATA"
      die "initdb failed: see var/log/initdb.log"
    fi
  fi

  if as_pg_user "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    # Started by another run/test command: use it, leave it running.
    PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
    step "using the embedded PostgreSQL already running (port $PG_PORT)"
  else
    ! port_busy "$PG_PORT" ||
      die "port $PG_PORT (embedded PostgreSQL) is already in use: stop what listens there or set BAOM_PG_PORT"
    as_pg_user "$bin/pg_ctl" -D "$PG_DATA" -l "$LOG_DIR/postgresql.log" -w -t 60 \
      -o "-p $PG_PORT -k '$PG_RUN' -c listen_addresses=127.0.0.1" start >/dev/null ||
      die "the embedded PostgreSQL did not start: see var/log/postgresql.log"
    PG_STARTED=1
  fi
  DB_ARGS=(--db_host="$PG_RUN" --db_port="$PG_PORT" --db_user="$PG_ROLE")
}

pg_stop_embedded() {
  if ((PG_STARTED)); then
    as_pg_user "$(pg_bin_dir)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
    PG_STARTED=0
  fi
}

# Use the configured server if any, else the embedded one; check it answers.
pg_setup() {
  if pg_configured; then
    step "using the PostgreSQL server configured by PGHOST / odoo.conf"
  else
    pg_start_embedded
  fi
  db_state postgres >/dev/null
}

# absent | partial | installed (the five BAOM addons).
db_state() {
  local out
  out=$(python3 "$HELPERS" db-state "$CONF" "$1" "$BAOM_ADDONS" "${DB_ARGS[@]}" 2>&1) || die "$out"
  printf '%s\n' "$out"
}

drop_db() {
  python3 -m odoo db -c "$CONF" "${DB_ARGS[@]}" drop "$1" >>"$LOG_DIR/dropdb.log" 2>&1
}

# Run Odoo with its output in the log file $1, in the background so that a
# signal reaches this script's traps (which stop Odoo); return Odoo's status.
# A simple command, not a function, so that $! is Odoo's own pid; the log
# redirection stays on it, so that the traps still print to the terminal.
run_odoo() {
  local log=$1 rc=0
  shift
  python3 -m odoo -c "$CONF" --addons-path="$ADDONS_PATH" "${DB_ARGS[@]}" "$@" >"$log" 2>&1 &
  ODOO_PID=$!
  wait "$ODOO_PID" || rc=$?
  ODOO_PID=""
  return "$rc"
}

# After Ctrl-C, Odoo got the SIGINT too and is shutting down on its own: give
# it 20 s, since a second signal makes it stop abruptly.
stop_odoo() {
  if [[ -n $ODOO_PID ]] && kill -0 "$ODOO_PID" 2>/dev/null; then
    local i
    for ((i = 0; i < INTERRUPTED * 40; i++)); do
      kill -0 "$ODOO_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -TERM "$ODOO_PID" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
      kill -0 "$ODOO_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$ODOO_PID" 2>/dev/null || true # still there after 30 s
    wait "$ODOO_PID" 2>/dev/null || true
  fi
  ODOO_PID=""
}

# INT trap of both commands (their EXIT trap stops Odoo).
on_interrupt() {
  INTERRUPTED=1
  exit 130
}
