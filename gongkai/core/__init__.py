"""Shared plumbing of every app: the error types (errors.py), the row lock with its version check
(versioning.py), ``staff_required`` (decorators.py), shared form widgets (widgets.py), the
append-only base model (models.py) guarded in the database by triggers (migrations/, dbguard.py),
and the one named switch that lets maintenance change guarded rows (maintenance.py)."""
