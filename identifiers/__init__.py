"""Identifier formats, HGVS variants and external URLs: plain Python, no Django."""
