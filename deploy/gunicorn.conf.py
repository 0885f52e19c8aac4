"""gunicorn settings for Gongkai (make serve, and the systemd unit gongkai-web.service).

Everything comes from the environment so one file serves the laptop and the server:
GONGKAI_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (workers, default 3), WEB_TIMEOUT (s).
"""

import os

bind = os.environ.get("GONGKAI_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 3))
worker_class = "sync"
timeout = int(os.environ.get("WEB_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never takes a server down.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may say which client and scheme a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Refuse oversized request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
# No personal data in logs: the access log has no query string (a 查询号 could be in one).
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms "%({x-request-id}i)s"'
