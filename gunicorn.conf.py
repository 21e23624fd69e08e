"""gunicorn settings for production: `gunicorn animeblog.wsgi` reads this file.

Sized for small machines: one worker per core plus one; threads let a worker
overlap database and cache round trips. Every value can be overridden with
GUNICORN_* environment variables.

It binds the loopback interface: production runs behind a buffering front (nginx,
deploy/nginx/animeblog.conf) on the same machine; set GUNICORN_BIND to listen
elsewhere. Even without the front a slow client cannot hold a thread: the worker
receives each request whole before a thread serves it (animeblog/workers.py), and
disconnects a client silent for GUNICORN_CLIENT_TIMEOUT seconds mid-request.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "animeblog.workers.RequestBufferingWorker"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
