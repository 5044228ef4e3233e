import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
# Tests must not depend on (or pollute) a user's cache; each session gets its own.
os.environ.setdefault("NOTICELINT_CACHE_DIR", os.path.join(os.path.dirname(__file__), "..", ".pytest_cache", "noticelint-cache"))
