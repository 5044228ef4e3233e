import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
# Tests must not depend on (or pollute) a user's cache; each session gets its own.
os.environ.setdefault("NOTICELINT_CACHE_DIR", os.path.join(os.path.dirname(__file__), "..", ".pytest_cache", "noticelint-cache"))
# Inside GitHub Actions the default format is "github"; tests that expect the text
# format must see the same default as on a developer's machine.
os.environ.pop("GITHUB_ACTIONS", None)
