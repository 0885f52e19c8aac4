"""Shared set-up of the bench scripts that measure Django pages on a throwaway SQLite database."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(name: str, keep: bool) -> Path:
    """Point Django at var/bench-NAME.sqlite3 (recreated unless ``keep``), set it up and migrate."""
    db = ROOT / "var" / f"bench-{name}.sqlite3"
    db.parent.mkdir(exist_ok=True)
    if db.exists() and not keep:
        db.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ["DEBUG"] = "1"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    return db
