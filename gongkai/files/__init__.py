"""Files the product stores and writes.

- ``storage``: the private storage (no public URL in any mode) for identity proofs, authorisations,
  every application attachment, document attachments and gazette PDFs.
- ``serving``: the one way a private file leaves the server: after an access check in a view, by
  X-Accel-Redirect to nginx in production or streamed by Django in development.
- ``relocate``: moving files between the public MEDIA_ROOT and the private storage (data migrations).
- ``spreadsheet``: every XLSX the product writes goes through ``xlsx_bytes`` (no formula injection).
"""
