"""The names of the catalog's files in a corpus folder (beside the reports, never reports).

A module of its own, importing nothing: the corpus scan needs the names, not the readers.
"""

from __future__ import annotations

CURATION_FILE = "catalog.yaml"  # the community's corrections (bot/catalog/curation.py)
METADATA_FILE = "metadata.json"  # resolved metadata, exported (bot/catalog/resolve/file.py)
SIDE_FILES = frozenset({CURATION_FILE, METADATA_FILE})
