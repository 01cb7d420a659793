"""The words that set one circle's messages apart from the rest of the community's.

Chinese is segmented with jieba (its dictionary ships in its wheel: nothing is downloaded); other
text is split into words. A word is distinctive for a circle when its weighted log-odds against the
rest of the community, with the whole community's frequencies as the prior (Monroe, Colaresi and
Quinn's "informative Dirichlet prior"), is high: frequent in the circle, rare elsewhere, and not
merely rare overall.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"^[^\W_]+$")
_LINK = re.compile(r"https?://\S+|www\.\S+")
# Words too common in any chat to describe anyone.
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "you",
        "for",
        "are",
        "but",
        "not",
        "with",
        "this",
        "that",
        "have",
        "was",
        "what",
        "when",
        "your",
        "just",
        "from",
        "they",
        "will",
        "can",
        "all",
        "our",
        "out",
        "get",
        "has",
        "had",
        "its",
        "him",
        "her",
        "his",
        "she",
        "them",
        "then",
        "than",
        "there",
        "here",
        "who",
        "how",
        "why",
        "yes",
        "okay",
        "我们",
        "你们",
        "他们",
        "什么",
        "这个",
        "那个",
        "一个",
        "没有",
        "就是",
        "还是",
        "可以",
        "知道",
        "大家",
        "现在",
        "自己",
        "因为",
        "所以",
        "但是",
        "如果",
        "这样",
        "那么",
        "然后",
        "已经",
        "不是",
        "怎么",
        "还有",
        "一下",
        "一样",
        "时候",
    ]
)
PRIOR_STRENGTH = 1000.0  # how many words' worth of weight the community-wide frequencies carry
MIN_COUNT = 2  # a word said once in a circle describes nobody


@cache
def _segmenter() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def words(text: str) -> list[str]:
    """The words of a message worth counting: Chinese words of two or more characters, other words of
    three or more letters or digits (lower-cased), no links, no stop words."""
    cleaned = _LINK.sub(" ", text.lower())
    found = []
    for token in _segmenter().lcut(cleaned):
        token = token.strip()
        if token in STOPWORDS or not _WORD.match(token):
            continue
        if len(token) >= 2 if _HAN.search(token) else len(token) >= 3 and not token.isdigit():
            found.append(token)
    return found


def distinctive_words(texts: dict[int, Iterable[str]], top: int = 10) -> dict[int, list[str]]:
    """For each circle (key), up to `top` words of its messages (value), most distinctive first."""
    counts = {circle: Counter(w for text in said for w in words(text)) for circle, said in texts.items()}
    overall: Counter[str] = Counter()
    for found in counts.values():
        overall.update(found)
    total = sum(overall.values())
    return {circle: _ranked(found, overall, total, top) for circle, found in counts.items()}


def _ranked(mine: Counter[str], overall: Counter[str], total: int, top: int) -> list[str]:
    n_mine = sum(mine.values())
    n_rest = total - n_mine
    scored = []
    for word, count in mine.items():
        if count < MIN_COUNT:
            continue
        prior = PRIOR_STRENGTH * overall[word] / total
        rest = overall[word] - count
        delta = math.log((count + prior) / (n_mine + PRIOR_STRENGTH - count - prior)) - math.log(
            (rest + prior) / (n_rest + PRIOR_STRENGTH - rest - prior)
        )
        z = delta / math.sqrt(1 / (count + prior) + 1 / (rest + prior))
        scored.append((-z, word))
    return [word for _, word in sorted(scored)[:top]]
