"""Semantic similarity from WordLlama's static token embeddings, entirely offline.

The ``wordllama`` wheel ships its 256-dimension weights (``l2_supercat_256.safetensors``, 16 MB) and
its tokenizer, so nothing is downloaded, ever: the files are opened from the installed package and a
missing file is an error, not a download. (``WordLlama.load`` looks for the tokenizer under a folder
name the wheel does not use and would fall back to the network, so the two files are opened
directly.) A text's vector is the mean of its tokens' embeddings, L2-normalised; similarity is the
cosine. Loading takes about a second and happens once per process, on first use.

Texts come in as words (text.tokens): each distinct word is run through the tokenizer once and its
token ids kept, which gives the same tokens as tokenizing the text (the tokenizer splits on spaces
first) less the punctuation, at a fraction of the cost for a stream of postings that share words.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from itertools import chain
from pathlib import Path

import numpy as np

from ai_coach.engines.fit.text import tokens

# Words are looked up lower-cased: the tokenizer splits capitalised words into fragments ("Personal
# Trainer" -> "Tra", "iner"; "personal trainer" -> "tra", "iner" too, but "Recruiter" -> "Rec", "ru", "iter"
# where "internal recruiter" keeps "internal"), and fragments' vectors place titles far off ("Personal
# Trainer" was nearest to "Travel Guides"). The cost: "Go" the language reads as "go".
LOWERCASE = True
MAX_TOKENS = 2048  # beyond this a text's mean hardly moves; bounds the cost of a huge paste
WORD_CACHE_SIZE = 100_000  # distinct words whose token ids are kept (a few MB)
_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


class WordLlamaUnavailable(RuntimeError):
    """The wordllama package or its shipped files are missing."""


def _package_root() -> Path:
    """The installed wordllama package's folder, found without importing it: importing wordllama runs
    ``logging.basicConfig(level=INFO)``, which would reconfigure the service's logging."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise WordLlamaUnavailable("the wordllama package is not installed")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


class Embedder:
    """Mean-pooled WordLlama vectors; thread-safe lazy loading."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root  # the installed wordllama package's folder unless given (tests)
        self._lock = threading.Lock()
        self._matrix: np.ndarray | None = None
        self._tokenizer = None
        self._word_ids: dict[str, tuple[int, ...]] = {}

    def _load(self) -> None:
        with self._lock:
            if self._matrix is not None:
                return
            try:
                from safetensors import safe_open
                from tokenizers import Tokenizer
            except ImportError as error:  # pragma: no cover - a broken install
                raise WordLlamaUnavailable(f"wordllama's dependencies are not installed: {error}") from error
            root = self._root or _package_root()
            weights, tokenizer_file = root / _WEIGHTS, root / _TOKENIZER
            for path in (weights, tokenizer_file):
                if not path.is_file():
                    raise WordLlamaUnavailable(f"wordllama's shipped file {path} is missing")
            with safe_open(str(weights), framework="np") as handle:
                matrix = handle.get_tensor("embedding.weight").astype(np.float32)
            tokenizer = Tokenizer.from_file(str(tokenizer_file))
            tokenizer.no_padding()
            tokenizer.no_truncation()
            self._tokenizer = tokenizer
            self._matrix = matrix

    def _ids(self, words: list[str]) -> list[int]:
        cache = self._word_ids
        words = words[:MAX_TOKENS]  # every word is at least one token
        unknown = {word for word in words if word not in cache}
        if unknown:
            assert self._tokenizer is not None and self._matrix is not None
            if len(cache) + len(unknown) > WORD_CACHE_SIZE:
                cache.clear()
            vocabulary = self._matrix.shape[0]
            ordered = sorted(unknown)
            spelled = [word.lower() for word in ordered] if LOWERCASE else ordered
            for word, encoding in zip(ordered, self._tokenizer.encode_batch(spelled, add_special_tokens=False),
                                      strict=True):
                cache[word] = tuple(i for i in encoding.ids if i < vocabulary)
        return list(chain.from_iterable(map(cache.__getitem__, words)))[:MAX_TOKENS]

    def embed_words(self, texts: list[list[str]]) -> np.ndarray:
        """One unit vector per text given as its words (zeros for no words), shape (len(texts), 256)."""
        if self._matrix is None:
            self._load()
        assert self._matrix is not None
        out = np.zeros((len(texts), self._matrix.shape[1]), dtype=np.float32)
        with self._lock:
            id_lists = [self._ids(words) for words in texts]
        for row, ids in enumerate(id_lists):
            if ids:
                vector = self._matrix[np.asarray(ids, dtype=np.int64)].mean(axis=0)
                norm = float(np.linalg.norm(vector))
                if norm > 0:
                    out[row] = vector / norm
        return out

    def embed_titles(self, titles: list[list[str]], weight: Callable[[str], float]) -> np.ndarray:
        """Unit vectors of short texts (job titles) as the weighted mean of their words' token vectors:
        ``weight`` per word (lower-cased), so the words every title has ("engineer", "senior") can count
        less than the ones that say which job it is ("frontend", "civil")."""
        if self._matrix is None:
            self._load()
        assert self._matrix is not None
        out = np.zeros((len(titles), self._matrix.shape[1]), dtype=np.float32)
        with self._lock:
            self._ids([word for title in titles for word in title])
            cache = self._word_ids
            per_title = [[(word, cache[word]) for word in title if cache.get(word)] for title in titles]
        # weights outside the lock: the first call may embed the occupation tables, which takes it
        per_title = [[(ids, weight(word.lower())) for word, ids in title] for title in per_title]
        for row, words in enumerate(per_title):
            if not words:
                continue
            vector = sum(w * self._matrix[np.asarray(ids, dtype=np.int64)].mean(axis=0) for ids, w in words)
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[row] = vector / norm
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text (see embed_words)."""
        return self.embed_words([tokens(text) for text in texts])
