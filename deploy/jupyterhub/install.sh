#!/usr/bin/env bash
# Set an academy's JupyterHub up on a fresh Debian 12 or Ubuntu 24.04 server, as root,
# from a clone of the course repository (see README.md, "A class on JupyterHub"):
#
#   git clone <this repository> /srv/investigator-course
#   sudo bash /srv/investigator-course/deploy/jupyterhub/install.sh [hub setup options]
#
# It installs the system packages, the hub's proxy (npm), one Python environment for
# the hub and every user's server (the system Python, so every account can run it),
# builds the course, runs `investigator-course hub setup` and starts the hub as a
# systemd service on port 8000. Then add accounts:
#   investigator-course hub add-instructors alice
#   investigator-course hub add-trainees roster.csv
#
#   install.sh --env-only DIR   only make the Python environment in DIR (the tests use it)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
ENV_DIR=${ENV_DIR:-/opt/investigator-course/venv}

make_env() {
    local target=$1
    echo "==> Python environment in $target (from $PYTHON)"
    "$PYTHON" -m venv "$target"
    "$target/bin/python" -m pip install --quiet --upgrade pip
    "$target/bin/python" -m pip install --quiet -e "$REPO[hub]"
    chmod -R a+rX "$target"
}

if [[ ${1:-} == --env-only ]]; then
    make_env "${2:?install.sh --env-only DIR}"
    exit 0
fi
[[ $(id -u) == 0 ]] || { echo "install.sh: run it as root (sudo)"; exit 1; }

echo "==> system packages"
apt-get update -qq
apt-get install -y -qq python3 python3-venv nodejs npm make git sudo >/dev/null
echo "==> the hub's proxy (configurable-http-proxy)"
npm ci --prefix "$REPO/deploy/jupyterhub" --no-audit --no-fund --silent
make_env "$ENV_DIR"
ln -sf "$ENV_DIR/bin/investigator-course" /usr/local/bin/investigator-course
echo "==> the course (releases and answer keys)"
PATH="$ENV_DIR/bin:$PATH" investigator-course build --course-dir "$REPO/course"
echo "==> hub settings, exchange, groups"
investigator-course hub setup --repo "$REPO" \
    --proxy "$REPO/deploy/jupyterhub/node_modules/.bin/configurable-http-proxy" "$@"
echo "==> the service"
sed -e "s|@ENV_DIR@|$ENV_DIR|g" -e "s|@REPO@|$REPO|g" \
    "$REPO/deploy/jupyterhub/investigator-course-hub.service" \
    > /etc/systemd/system/investigator-course-hub.service
systemctl daemon-reload
systemctl enable --now investigator-course-hub.service
echo "The hub runs on port 8000. Next: investigator-course hub add-instructors NAME;"
echo "investigator-course hub add-trainees roster.csv. Put HTTPS in front of it (README)."
