"""The AI text generator a caller supplies (the web layer's AI client), and how it is asked: any
failure or empty answer is "no text", and the caller falls back to the deterministic one."""

from __future__ import annotations

import time
from typing import Protocol


class TextGenerator(Protocol):
    """An AI text generator supplied by the caller (the web layer's AI client).

    Returns the generated text, or ``None``/``""`` when it has nothing (unavailable, failed).
    """

    def __call__(self, prompt: str, *, system_prompt: str, temperature: float) -> str | None: ...


def call_generator(
    generate: TextGenerator, prompt: str, *, system_prompt: str, temperature: float = 0.7
) -> tuple[str | None, float]:
    """Ask ``generate``; return ``(text or None, elapsed milliseconds rounded to 0.1)``."""
    started = time.perf_counter()
    try:
        text = generate(prompt, system_prompt=system_prompt, temperature=temperature)
    except Exception:  # any AI failure falls back to the deterministic text, as in V4
        text = None
    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    if not isinstance(text, str) or not text.strip():
        return None, elapsed_ms
    return text.strip(), elapsed_ms
