#!/usr/bin/env bash
# make serve: the production stack on this machine — collectstatic, migrate, the job worker with
# the scheduler, and gunicorn with production settings (DEBUG off). Plain HTTP is allowed only
# because the server is bound to a loopback address (GONGKAI_ALLOW_HTTP_LOOPBACK; refused
# otherwise). Uses DATABASE_URL and REDIS_URL when set, the embedded SQLite default when not.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
mkdir -p var
# A secret key kept for this machine's local stack (never used by a deployment: see deploy/).
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s var/serve-secret-key ] || $PY -c "import secrets; print(secrets.token_urlsafe(50))" > var/serve-secret-key
  SECRET_KEY="$(cat var/serve-secret-key)"
fi
export SECRET_KEY DEBUG=0
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1}"
export GONGKAI_BIND="$HOST:$PORT" GONGKAI_ALLOW_HTTP_LOOPBACK=1
$PY manage.py collectstatic --noinput -v0
$PY manage.py migrate --noinput -v0
HUEY_IMMEDIATE=0 $PY manage.py run_huey --workers "${JOB_WORKERS:-2}" &
worker=$!
trap 'kill $worker 2>/dev/null || true; wait $worker 2>/dev/null || true' EXIT INT TERM
echo "Gongkai（生产配置）：http://$HOST:$PORT/  健康检查：http://$HOST:$PORT/healthz"
.venv/bin/gunicorn -c deploy/gunicorn.conf.py gongkai.wsgi:application
