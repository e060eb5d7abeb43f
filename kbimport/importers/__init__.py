"""Importers: turn parsed source records into knowledge-base rows, in batches, idempotently."""
