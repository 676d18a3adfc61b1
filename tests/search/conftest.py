"""A small bilingual bank built in memory, indexed once per test session.

Each question is written so that one language says a thing the other only paraphrases,
which is what the cross-lingual and synonym tests need.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dl500.bank.schema import (
    Bank,
    Body,
    Chapter,
    FrontMatter,
    Localized,
    Question,
    QuestionId,
    Section,
)
from dl500.search.index import build_index
from dl500.search.query import SearchEngine

# id: (title zh, title en, tags, key point zh, key point en, answer zh, answer en)
QUESTIONS = {
    "t/bn": (
        "批归一化在训练和推理时有什么不同？",
        "What changes between training and inference for this layer?",
        ("normalization",),
        "推理时使用滑动平均得到的均值和方差",
        "At inference the running mean and variance are used",
        "训练时用当前小批量的统计量。",
        "During training the statistics of the current mini-batch are used.",
    ),
    "t/vanish": (
        "深层网络为什么难以训练？",
        "Why do gradients vanish in deep networks?",
        ("optimization",),
        "连乘的雅可比矩阵让信号指数衰减",
        "Products of Jacobians shrink the signal exponentially",
        "残差连接和合适的初始化可以缓解。",
        "Residual connections and careful initialisation help.",
    ),
    "t/dropout": (
        "丢弃法在测试时怎么处理？",
        "How does dropout behave at test time?",
        ("regularization",),
        "测试时不再随机丢弃神经元",
        "At test time no unit is dropped",
        "倒置丢弃法在训练时放大保留的激活。",
        "Inverted dropout rescales the kept activations during training.",
    ),
    "t/lstm": (
        "LSTM 的遗忘门有什么作用？",
        "What does the forget gate of an LSTM do?",
        ("lstm", "gates"),
        "遗忘门决定细胞状态保留多少",
        "The forget gate decides how much of the cell state is kept",
        "它让梯度可以沿细胞状态长距离传播。",
        "It lets gradients flow along the cell state over long spans.",
    ),
    "t/conv-size": (
        "卷积层的输出尺寸怎么计算？",
        "How do you compute the output size of a convolution?",
        ("convolution", "padding"),
        "输出尺寸等于 (n + 2p - k) / s + 1 向下取整",
        "The output size is floor((n + 2p - k) / s) + 1",
        "注意 <script> 这样的文本只是文字。",
        "Text such as <script>alert(1)</script> is only text & stays text.",
    ),
    "t/overfit": (
        "模型在训练集上好、测试集上差怎么办？",
        "What do you do about overfitting?",
        ("generalization",),
        "增加数据、正则化、早停",
        "Add data, regularise, stop early",
        "过拟合说明模型记住了训练数据的噪声。",
        "Overfitting means the model memorised noise in the training data.",
    ),
}


def make_bank(questions: dict[str, tuple] = QUESTIONS) -> Bank:  # type: ignore[type-arg]
    """Return a Bank holding `questions` in one chapter."""
    built = {}
    for n, (qid, (tzh, ten, tags, kzh, ken, azh, aen)) in enumerate(questions.items(), 1):
        built[QuestionId(qid)] = Question(
            QuestionId(qid),
            1,
            f"1.1.{n}",
            FrontMatter(Localized(tzh, ten), 1, tags),
            Body((kzh,), azh, 1),
            Body((ken,), aen, 1),
            f"content/01-t/{qid[2:]}.md",
        )
    section = Section("1.1", Localized("节", "Section"), tuple(built))
    chapter = Chapter(1, "t", Localized("章", "Chapter"), Localized("", ""), (section,), "")
    return Bank((chapter,), built)


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    """A search engine over QUESTIONS (built once: rjieba takes a moment to load)."""
    directory: Path = tmp_path_factory.mktemp("engine") / "index"
    build_index(make_bank(), directory)
    return SearchEngine(directory)


def top(engine: SearchEngine, query: str, n: int = 1) -> list[str]:
    """Return the ids of the first `n` hits."""
    return [h.id for h in engine.search(query, n, snippet_langs=())]
