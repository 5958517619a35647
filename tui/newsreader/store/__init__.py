"""The library file and what it holds: ``connection`` (opening safely, migrating,
transactions, settings), ``library`` (articles, their versions, search), ``errors`` (one
line for every failure) and ``migrations`` (the schema, step by step).

Every change a user makes is committed in its own short transaction the moment it is
made, so a killed reader loses nothing and two readers can share one library. No Textual
import.
"""

from newsreader.store.connection import APPLICATION_ID, default_path, now
from newsreader.store.errors import DamagedLibrary, ReadOnlyLibrary, StoreError, library_error
from newsreader.store.library import ArticleInfo, ImportOutcome, Library, SearchHit, StoredArticle

__all__ = [
    "APPLICATION_ID",
    "ArticleInfo",
    "DamagedLibrary",
    "ImportOutcome",
    "Library",
    "ReadOnlyLibrary",
    "SearchHit",
    "StoreError",
    "StoredArticle",
    "default_path",
    "library_error",
    "now",
]
