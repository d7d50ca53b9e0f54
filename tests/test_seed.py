"""Golden test: the original select-all sample, every field of every paper.

Expected values are written out by hand from the file (titles, author counts, dates and
comment counts), and abstracts are read independently: the sample is rigid, so card k's
lines sit at fixed offsets (title 13 + 8k, abstract 15 + 8k, 1-based).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import paperfeed

SEED = Path(__file__).parent / "data" / "text" / "seed-search-2025-12-12.txt"
REFERENCE = datetime.date(2025, 12, 20)
D = datetime.date

# (title, authors, published, as printed, year inferred, comments)
EXPECTED = [
    ("Learning Performance-Improving Code Edits", 8, D(2023, 2, 15), "Feb 15, 2023", False, None),
    (
        "A Single Merging Suffices: Recovering Server-based Learning Performance in "
        "Decentralized Learning",
        5,
        D(2025, 7, 9),
        "Jul 9",
        True,
        None,
    ),
    (
        "Statistical mechanics of continual learning: variational principle and mean-field "
        "potential",
        4,
        D(2022, 12, 6),
        "Dec 6, 2022",
        False,
        None,
    ),
    (
        "Preserving In-Context Learning ability in Large Language Model Fine-tuning",
        8,
        D(2022, 11, 1),
        "Nov 1, 2022",
        False,
        1,
    ),
    (
        "Adapting Language Models for Zero-shot Learning by Meta-tuning on Dataset and Prompt "
        "Collections",
        4,
        D(2021, 4, 9),
        "Apr 9, 2021",
        False,
        None,
    ),
    (
        "Continual Learning with Dependency Preserving Hypernetworks",
        4,
        D(2022, 9, 16),
        "Sep 16, 2022",
        False,
        None,
    ),
    (
        "Hyperparameters in Reinforcement Learning and How To Tune Them",
        3,
        D(2023, 6, 2),
        "Jun 2, 2023",
        False,
        None,
    ),
    (
        "How Do Transformers Learn In-Context Beyond Simple Functions? A Case Study on Learning "
        "with Representations",
        7,
        D(2023, 10, 16),
        "Oct 16, 2023",
        False,
        None,
    ),
    (
        "Coreset Sampling from Open-Set for Fine-Grained Self-Supervised Learning",
        3,
        D(2023, 3, 20),
        "Mar 20, 2023",
        False,
        None,
    ),
    (
        "M3Net: Multimodal Multi-task Learning for 3D Detection, Segmentation, and Occupancy "
        "Prediction in Autonomous Driving",
        7,
        D(2025, 3, 23),
        "Mar 23",
        True,
        None,
    ),
    (
        "Query Drift Compensation: Enabling Compatibility in Continual Learning of Retrieval "
        "Embedding Models",
        4,
        D(2025, 5, 27),
        "May 27",
        True,
        None,
    ),
    (
        "VectorMapNet: End-to-end Vectorized HD Map Learning",
        5,
        D(2022, 6, 17),
        "Jun 17, 2022",
        False,
        None,
    ),
    (
        "Learning Semantic Proxies from Visual Prompts for Parameter-Efficient Fine-Tuning in "
        "Deep Metric Learning",
        4,
        D(2024, 2, 3),
        "Feb 3, 2024",
        False,
        None,
    ),
    (
        "Not All Semantics are Created Equal: Contrastive Self-supervised Learning with "
        "Automatic Temperature Individualization",
        6,
        D(2023, 5, 19),
        "May 19, 2023",
        False,
        None,
    ),
    (
        "Beyond Not-Forgetting: Continual Learning with Backward Knowledge Transfer",
        4,
        D(2022, 11, 1),
        "Nov 1, 2022",
        False,
        None,
    ),
    (
        "Feature Learning in Infinite-Width Neural Networks",
        2,
        D(2020, 11, 29),
        "Nov 29, 2020",
        False,
        None,
    ),
    (
        "Federated Learning over 5G, WiFi, and Ethernet: Measurements and Evaluation",
        6,
        D(2025, 4, 6),
        "Apr 6",
        True,
        None,
    ),
    (
        "An Embedding-Dynamic Approach to Self-supervised Learning",
        5,
        D(2022, 7, 7),
        "Jul 7, 2022",
        False,
        None,
    ),
    (
        "OctoThinker: Mid-training Incentivizes Reinforcement Learning Scaling",
        4,
        D(2025, 6, 25),
        "Jun 25",
        True,
        1,
    ),
    (
        "Few-shot Learning with Multilingual Language Models",
        21,
        D(2021, 12, 20),
        "Dec 20, 2021",
        False,
        None,
    ),
    (
        "How does representation impact in-context learning: A exploration on a synthetic task",
        5,
        D(2023, 9, 12),
        "Sep 12, 2023",
        False,
        None,
    ),
    (
        "Revisiting Class-Incremental Learning with Pre-Trained Models: Generalizability and "
        "Adaptivity are All You Need",
        4,
        D(2023, 3, 13),
        "Mar 13, 2023",
        False,
        None,
    ),
    (
        "Out-of-Dynamics Imitation Learning from Multimodal Demonstrations",
        4,
        D(2022, 11, 13),
        "Nov 13, 2022",
        False,
        None,
    ),
    (
        "Multimodal Parameter-Efficient Few-Shot Class Incremental Learning",
        4,
        D(2023, 3, 8),
        "Mar 8, 2023",
        False,
        None,
    ),
    (
        "On Sequential Bayesian Inference for Continual Learning",
        5,
        D(2023, 1, 4),
        "Jan 4, 2023",
        False,
        None,
    ),
    (
        "EVA: Exploring the Limits of Masked Visual Representation Learning at Scale",
        9,
        D(2022, 11, 14),
        "Nov 14, 2022",
        False,
        None,
    ),
    (
        "A Closer Look at Rehearsal-Free Continual Learning",
        5,
        D(2022, 3, 31),
        "Mar 31, 2022",
        False,
        None,
    ),
    (
        "AutoRule: Reasoning Chain-of-thought Extracted Rule-based Rewards Improve Preference "
        "Learning",
        2,
        D(2025, 6, 18),
        "Jun 18",
        True,
        None,
    ),
    (
        "MEND: Meta dEmonstratioN Distillation for Efficient and Effective In-Context Learning",
        6,
        D(2024, 3, 11),
        "Mar 11, 2024",
        False,
        None,
    ),
    (
        "Near-optimal Conservative Exploration in Reinforcement Learning under Episode-wise "
        "Constraints",
        4,
        D(2023, 6, 9),
        "Jun 9, 2023",
        False,
        None,
    ),
    (
        "OThink-MR1: Stimulating multimodal generalized reasoning capabilities via dynamic "
        "reinforcement learning",
        6,
        D(2025, 3, 20),
        "Mar 20",
        True,
        3,
    ),
    (
        "A Simple Baseline that Questions the Use of Pretrained-Models in Continual Learning",
        4,
        D(2022, 10, 10),
        "Oct 10, 2022",
        False,
        None,
    ),
    (
        "Geometric Knowledge-Guided Localized Global Distribution Alignment for Federated Learning",
        4,
        D(2025, 3, 9),
        "Mar 9",
        True,
        None,
    ),
    (
        "OpenSTL: A Comprehensive Benchmark of Spatio-Temporal Predictive Learning",
        8,
        D(2023, 6, 19),
        "Jun 19, 2023",
        False,
        None,
    ),
    (
        "Beyond Redundancy: Information-aware Unsupervised Multiplex Graph Structure Learning",
        3,
        D(2024, 9, 25),
        "Sep 25, 2024",
        False,
        None,
    ),
    (
        "HyperInterval: Hypernetwork approach to training weight interval regions in continual "
        "learning",
        6,
        D(2024, 5, 24),
        "May 24, 2024",
        False,
        None,
    ),
    (
        "All You Need is a Good Functional Prior for Bayesian Deep Learning",
        4,
        D(2020, 11, 25),
        "Nov 25, 2020",
        False,
        None,
    ),
    (
        "DenseShift: Towards Accurate and Transferable Low-Bit Shift Network",
        6,
        D(2022, 8, 20),
        "Aug 20, 2022",
        False,
        None,
    ),
]


@pytest.fixture(scope="module")
def feed() -> paperfeed.Feed:
    return paperfeed.parse_text(SEED.read_text(encoding="utf-8"), reference=REFERENCE)


def _abstract_lines() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return [lines[15 + 8 * k - 1] for k in range(38)]


def test_page_facts(feed: paperfeed.Feed) -> None:
    assert len(feed.papers) == 38
    assert feed.date == datetime.date(2025, 12, 12)
    assert feed.reference == REFERENCE
    assert feed.diagnostics == ()


@pytest.mark.parametrize("index", range(38))
def test_every_field(feed: paperfeed.Feed, index: int) -> None:
    title, count, published, printed, inferred, comments = EXPECTED[index]
    expected = paperfeed.Paper(
        title=title,
        abstract=_abstract_lines()[index],
        authors=paperfeed.AuthorCount(count),
        published=published,
        published_text=printed,
        year_inferred=inferred,
        comments=comments,
    )
    assert feed.papers[index] == expected


def test_abstracts_are_whole() -> None:
    # The independent reading itself: every abstract is one long line, not chrome.
    abstracts = _abstract_lines()
    assert all(len(a) > 1000 for a in abstracts)
    assert abstracts[0].startswith("The waning of Moore's Law")
    assert abstracts[-1].startswith("Deploying deep neural networks on low-resource edge")


def test_reference_decides_the_inferred_year() -> None:
    text = SEED.read_text(encoding="utf-8")
    early = paperfeed.parse_text(text, reference=datetime.date(2026, 3, 1))
    # "Jul 9" is no longer this year's; "Mar 2" would still be (two days of skew).
    assert early.papers[1].published == datetime.date(2025, 7, 9)
    assert early.papers[9].published == datetime.date(2025, 3, 23)
    assert early.date == datetime.date(2025, 12, 12)
    late = paperfeed.parse_text(text, reference=datetime.date(2026, 12, 12))
    assert late.papers[1].published == datetime.date(2026, 7, 9)
    assert late.date == datetime.date(2026, 12, 12)
