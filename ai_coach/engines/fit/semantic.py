"""Semantic similarity from WordLlama's static token embeddings, entirely offline.

The ``wordllama`` wheel ships its 256-dimension weights (``l2_supercat_256.safetensors``, 16 MB) and
its tokenizer, so nothing is downloaded, ever: the files are opened from the installed package and a
missing file is an error, not a download. (``WordLlama.load`` looks for the tokenizer under a folder
name the wheel does not use and would fall back to the network, so the two files are opened
directly.) A text's vector is the mean of its tokens' embeddings, L2-normalised; similarity is the
cosine. Loading takes about a second and happens once per process, on first use.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

MAX_TOKENS = 2048  # beyond this a text's mean hardly moves; bounds the cost of a huge paste
_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


class WordLlamaUnavailable(RuntimeError):
    """The wordllama package or its shipped files are missing."""


class Embedder:
    """Mean-pooled WordLlama vectors; thread-safe lazy loading."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._matrix: np.ndarray | None = None
        self._tokenizer = None

    def _load(self) -> None:
        with self._lock:
            if self._matrix is not None:
                return
            try:
                import wordllama
                from safetensors import safe_open
                from tokenizers import Tokenizer
            except ImportError as error:  # pragma: no cover - a broken install
                raise WordLlamaUnavailable(f"wordllama is not installed: {error}") from error
            root = Path(wordllama.__file__).resolve().parent
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

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text (zeros for a text with no tokens), shape (len(texts), 256)."""
        if self._matrix is None:
            self._load()
        assert self._matrix is not None and self._tokenizer is not None
        out = np.zeros((len(texts), self._matrix.shape[1]), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=False)
        vocabulary = self._matrix.shape[0]
        for row, encoding in enumerate(encodings):
            ids = np.asarray(encoding.ids[:MAX_TOKENS], dtype=np.int64)
            ids = ids[ids < vocabulary]
            if ids.size:
                vector = self._matrix[ids].mean(axis=0)
                norm = float(np.linalg.norm(vector))
                if norm > 0:
                    out[row] = vector / norm
        return out
