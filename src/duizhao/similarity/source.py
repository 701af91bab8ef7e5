"""Where a copied passage came from: a document of the reference corpus or a colleague's
material reviewed in the same batch, with the matching span in that document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SourceKind = Literal["corpus", "colleague"]
# copy: taken from someone else; quotation: an official text (a corpus document labelled
# 引用, or a passage that is a recognised quotation); own: the author's own earlier material
Relation = Literal["copy", "quotation", "own"]
QUOTATION_LABEL = "引用"


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    title: str
    start: int  # the matching span in the source document's text
    end: int
    excerpt: str  # the source's text of that span
    relation: Relation = "copy"
    document_id: int | None = None  # corpus documents
    path: str | None = None
    label: str | None = None
    year: int | None = None
    author: str | None = None

    @property
    def identity(self) -> tuple[str, int | str | None]:
        """The same source document, whatever the passage."""
        return (self.kind, self.document_id if self.kind == "corpus" else self.path or self.title)

    def name(self) -> str:
        """How a finding names the source, in Chinese."""
        if self.kind == "colleague":
            return f"同批材料《{self.title}》（{self.path}）" if self.path else f"同批材料《{self.title}》"
        about = "".join(f"，{v}" for v in (self.label, f"{self.year}年" if self.year else None) if v)
        return f"语料库中《{self.title}》（语料库编号 {self.document_id}{about}）"
