"""Descriptions become signs, signs become conditions (the search box's description path)."""
