"""duizhao（对照）：对照检查材料的自动审核。

The core is pure Python: reading documents, normalising text, parsing the outline,
running checks and grading. The CLI (and later the web app) are thin shells over
:func:`duizhao.review.review_paths`.
"""

__version__ = "0.1.0"
